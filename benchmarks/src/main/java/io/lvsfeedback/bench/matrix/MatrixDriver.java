package io.lvsfeedback.bench.matrix;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The workload matrix's client side, one JVM for a whole run (a JVM start costs seconds of CPU
 * under emulation): reads one command per line on stdin, answers one line on stdout starting with
 * {@code ok} or {@code error}. Commands ({@link DriverCommands}, {@code key=value} words):
 *
 * <ul>
 *   <li>{@code load host=H port=P path=/work rate=R warmup=S duration=S timeout=MS [max-in-flight=N]
 *       [per-connection=K interval-ms=I] out=FILE}: an open-loop phase ({@link io.lvsfeedback.bench.load.OpenLoad}); raw lines
 *       to FILE; answers the summary</li>
 *   <li>{@code saturate path=/work warmup=S duration=S timeout=MS NAME=IP:PORT:CLIENTS...}: capacity
 *       calibration ({@link Saturation})</li>
 *   <li>{@code pool-max secret-file=F NAME=IP:PORT...}: each agent's {@code pool_max} (threads for requests)</li>
 *   <li>{@code quit}</li>
 * </ul>
 *
 * With arguments, runs that one command and exits (for a quick test by hand).
 */
public final class MatrixDriver {
    private MatrixDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            String reply = execute(String.join(" ", args));
            System.out.println(reply);
            System.exit(reply.startsWith("ok") ? 0 : 1);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ok ready");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (line.trim().equals("quit")) {
                System.out.println("ok bye");
                break;
            }
            System.out.println(execute(line.trim()));
            System.out.flush();
        }
    }

    /** One command line: {@code ok ...} with its answer, or {@code error ...} naming what was wrong. */
    static String execute(String line) {
        CommandLine commands = DriverCommands.commandLine();
        try {
            CommandLine.ParseResult parsed = commands.parseArgs(line.trim().split("\\s+"));
            if (!parsed.hasSubcommand()) {
                return "error give a command: load, saturate, pool-max, quit";
            }
            DriverCommands.Reply command = parsed.subcommand().commandSpec().commandLine().getCommand();
            return "ok " + command.reply();
        } catch (CommandLine.ParameterException e) {
            return "error " + oneLine(e.getMessage());
        } catch (Exception e) {
            return "error " + e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage()));
        }
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
