package io.lvsfeedback.bridge;

import io.lvsfeedback.bridge.cli.CheckCommand;
import io.lvsfeedback.bridge.cli.IpvsCommand;
import io.lvsfeedback.bridge.cli.PollCommand;
import io.lvsfeedback.bridge.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The director-bridge command line: {@code run}, {@code check}, {@code ipvs ...}, {@code poll}. */
@Command(name = "director-bridge", mixinStandardHelpOptions = true,
        version = "director-bridge 0.1.0",
        description = "Turns lvs-feedback agent reports into live IPVS weights.",
        subcommands = {
            CommandLine.HelpCommand.class,
            RunCommand.class,
            CheckCommand.class,
            PollCommand.class,
            IpvsCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
