package io.lvsfeedback.bridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code director-bridge ipvs ...}: read and change the kernel's IPVS table over netlink. */
@Command(name = "ipvs", mixinStandardHelpOptions = true,
        description = "Read and change the IPVS table over generic netlink (needs CAP_NET_ADMIN).",
        subcommands = {IpvsListCommand.class, IpvsSetWeightCommand.class})
public final class IpvsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
