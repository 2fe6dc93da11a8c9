package io.lvsfeedback.samples.boot;

import io.lvsfeedback.samples.app.WorkCost;
import io.lvsfeedback.samples.app.WorkCostSetting;
import io.lvsfeedback.samples.app.WorkSimulator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Jetty sample's endpoints with the same answers, so the demo's load generator and probes
 * work on either: {@code GET /} names the server, {@code GET /work} spends the current cost,
 * {@code GET/POST /admin/cost} shows or changes it (a bad parameter: 400 naming it, nothing changes).
 */
@RestController
public class SampleEndpoints {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final String server;
    private final WorkCostSetting cost;
    private final WorkSimulator simulator = new WorkSimulator();

    public SampleEndpoints(ServerName server, WorkCostSetting cost) {
        this.server = server.get();
        this.cost = cost;
    }

    @GetMapping("/")
    public ResponseEntity<String> identity() {
        return text(200, "server=" + server + "\n");
    }

    @GetMapping("/work")
    public ResponseEntity<String> work() throws InterruptedException {
        WorkCost spent = cost.get();
        if (simulator.perform(spent)) {
            return text(500, "server=" + server + " error=injected\n");
        }
        return text(200, "server=" + server + " work=done " + spent.describe() + "\n");
    }

    @GetMapping("/admin/cost")
    public ResponseEntity<String> showCost() {
        return text(200, cost.get().describe() + "\n");
    }

    /** {@code POST /admin/cost?cpu-ms=20&latency-ms=200&error-rate=0.1}; {@code reset=true} starts from no extra work. */
    @PostMapping("/admin/cost")
    public ResponseEntity<String> changeCost(@RequestParam Map<String, String> query) {
        try {
            WorkCost updated = cost.change(query);
            return text(200, updated.describe() + "\n");
        } catch (IllegalArgumentException e) {
            return text(400, "bad request: " + e.getMessage() + "\n");
        }
    }

    private static ResponseEntity<String> text(int status, String body) {
        return ResponseEntity.status(status).contentType(TEXT).body(body);
    }
}
