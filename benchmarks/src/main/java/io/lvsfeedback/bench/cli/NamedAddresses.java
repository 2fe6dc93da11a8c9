package io.lvsfeedback.bench.cli;

import io.lvsfeedback.samples.cli.HostPort;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** {@code NAME=HOST:PORT} words (the agents of AgentWatch and of the matrix driver's pool-max), in their order. */
public final class NamedAddresses {
    private NamedAddresses() {
    }

    /** Each name's address; a word whose value is not HOST:PORT fails naming it. */
    public static Map<String, InetSocketAddress> of(CommandSpec spec, Map<String, String> words) {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        words.forEach((name, address) -> {
            try {
                out.put(name, HostPort.parse(address));
            } catch (TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), name + "=" + address + ": " + e.getMessage());
            }
        });
        return out;
    }
}
