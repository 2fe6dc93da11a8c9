package io.lvsfeedback.bridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lvsfeedback.bridge.ipvs.DestinationKey;
import io.lvsfeedback.bridge.ipvs.ServiceDestination;
import io.lvsfeedback.netlink.ipvs.ServiceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    static ServiceDestination key(String service, String destination) {
        return new ServiceDestination(ServiceKey.parse(service), DestinationKey.parse(destination));
    }

    @Test
    void writesOneLinePerDestinationInTheDocumentedFormAndReadsItBack() throws IOException {
        Map<ServiceDestination, Remembered> entries = new LinkedHashMap<>();
        entries.put(key("tcp:10.0.0.10:80", "10.0.0.2:80"), new Remembered(100, 0, false));
        entries.put(key("udp:[2001:db8::1]:53", "[2001:db8::2]:53"), new Remembered(7, 7, true));
        entries.put(key("fwm:5", "10.0.0.3:0"), new Remembered(1, 0, true));
        Path file = dir.resolve("state");
        StateFile.write(file, entries);
        assertThat(Files.readAllLines(file)).containsExactly(
                "# director-bridge state: base weights kept across restarts; safe to delete",
                "tcp:10.0.0.10:80 10.0.0.2:80 base=100 weight=0 quiesced=false",
                "udp:[2001:db8::1]:53 [2001:db8::2]:53 base=7 weight=7 quiesced=true",
                "fwm:5 10.0.0.3:0 base=1 weight=0 quiesced=true");
        assertThat(StateFile.read(file)).containsExactlyEntriesOf(entries);
    }

    @Test
    void aMissingFileIsEmpty() throws IOException {
        assertThat(StateFile.read(dir.resolve("none"))).isEmpty();
    }

    @Test
    void aBadKeyIsAnErrorNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("state"), "# c\nweb 10.0.0.2:80 base=1 weight=1 quiesced=false\n");
        assertThatThrownBy(() -> StateFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2: bad service 'web'");
        Files.writeString(file, "tcp:10.0.0.10:80 10.0.0.2 base=1 weight=1 quiesced=false\n");
        assertThatThrownBy(() -> StateFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 1: bad destination '10.0.0.2'");
    }
}
