/**
 * The agent's leaf utilities (logging, clock): every other package may use them, they use none of
 * the agent's packages, so the root package of entry points ties no package cycle.
 */
package io.lvsfeedback.agent.util;
