package io.lvsfeedback.agent;

import io.lvsfeedback.agent.config.ConfigCheck;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code java -jar lvs-agent.jar check 'vip=...,forwarding=dr'} or {@code check --config FILE}:
 * checks agent settings without starting the agent, root or CAP_NET_ADMIN, and prints every
 * problem at once. Exit 0 when valid, 2 when not, 1 for a wrong command line.
 */
public final class AgentCheck {
    static final String USAGE = "usage: java -jar lvs-agent.jar check ['key=value,...'] [--config FILE]";

    private AgentCheck() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("check")) {
            err.println(USAGE);
            return 1;
        }
        StringBuilder agentArgs = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                // the same as config=FILE in the arguments (escaped: a path may hold ',' or '=')
                append(agentArgs, "config=" + args[++i].replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\="));
            } else if (args[i].startsWith("-")) {
                err.println(USAGE);
                return 1;
            } else {
                append(agentArgs, args[i]);
            }
        }
        List<String> problems = ConfigCheck.problems(agentArgs.toString(), System.getProperties());
        if (problems.isEmpty()) {
            out.println("lvs-agent settings OK");
            return 0;
        }
        problems.forEach(err::println);
        err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        return 2;
    }

    private static void append(StringBuilder agentArgs, String more) {
        agentArgs.append(agentArgs.length() == 0 ? "" : ",").append(more);
    }
}
