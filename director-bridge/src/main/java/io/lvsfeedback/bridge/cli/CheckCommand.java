package io.lvsfeedback.bridge.cli;

import io.lvsfeedback.bridge.config.BridgeConfig;
import io.lvsfeedback.bridge.config.ConfigException;
import io.lvsfeedback.bridge.config.ConfigProblem;
import io.lvsfeedback.bridge.config.PropertiesText;
import io.lvsfeedback.bridge.daemon.KernelAdvice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check}: validates a configuration the way {@code run} loads it (same parser, secret and
 * state files included), without IPVS or root, and reports every problem at once.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a configuration file without IPVS or root: every problem at once, each naming its key and line. "
                + "Exit 0 when valid, 2 when not.")
public final class CheckCommand implements Callable<Integer> {
    /** Exit status of a configuration that cannot be used (the same as {@code run}'s). */
    static final int INVALID = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "configuration file (key = value lines)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting, as run --set does; repeatable")
    List<String> sets = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            BridgeConfig c = BridgeConfig.load(config, overrides());
            c.warnings().forEach(w -> err.println("warning: " + TerminalText.escape(w)));
            KernelAdvice.of(KernelAdvice.PROC_DIR).forEach(a -> err.println("warning: " + TerminalText.escape(a)));
            out.println(config + ": OK (" + c.source().size() + " settings)");
            return 0;
        } catch (ConfigException e) {
            List<ConfigProblem> problems = e.problems();
            problems.forEach(p -> err.println(TerminalText.escape(p.message())));
            err.println(config + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            return INVALID;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Map<String, String> overrides() throws ConfigException {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String s : sets) {
            Map.Entry<String, String> kv = PropertiesText.split(s, "--set");
            overrides.put(kv.getKey(), kv.getValue());
        }
        return overrides;
    }
}
