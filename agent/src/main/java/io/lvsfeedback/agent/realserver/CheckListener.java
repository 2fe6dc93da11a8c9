package io.lvsfeedback.agent.realserver;

import java.util.List;

/** Told when a periodic re-verification finds the setup changed (and, in configure mode, what repair did). */
@FunctionalInterface
public interface CheckListener {
    /**
     * @param changed the checks whose state differs from the previous verification, as found
     *                (before any repair): e.g. a VIP someone removed
     * @param current every check after the repair attempt (in verify mode: as found)
     */
    void checksChanged(List<Check> changed, List<Check> current);
}
