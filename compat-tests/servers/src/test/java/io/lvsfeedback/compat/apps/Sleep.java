package io.lvsfeedback.compat.apps;

/** What every test application does: sleep the asked time, and say when it listens. */
public final class Sleep {
    private Sleep() {}

    public static String sleep(String ms) {
        long millis = ms == null ? 0 : Long.parseLong(ms);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "slept " + millis + "\n";
    }

    /** The line the test waits for. */
    public static void ready(int port) {
        System.out.println("APP-READY port=" + port);
        System.out.flush();
    }
}
