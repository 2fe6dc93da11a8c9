package io.lvsfeedback.agent.config;

/**
 * Where a parser puts a bad setting: {@link #THROW} stops at the first (the agent's start), a
 * collecting sink goes on to the next (the {@code check} command, which reports all of them).
 */
@FunctionalInterface
interface ProblemSink {
    ProblemSink THROW = e -> {
        throw e;
    };

    void report(ConfigException e) throws ConfigException;
}
