package io.lvsfeedback.bench.agents;

import java.net.InetAddress;
import java.nio.file.Path;

/** Settings of the fake agent farm ({@link FarmOptions} reads them from the command line). */
record FarmSettings(InetAddress bind, int port, Path secretFile, int workers, int durationSeconds,
                    double jitter, int statsEverySeconds) {
}
