package io.tandem.cluster.envcheck;

/** The outcome of one environment check. */
record CheckResult(String name, boolean passed, String detail) {

    static CheckResult of(String name, Check check) {
        try {
            return new CheckResult(name, true, check.run());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new CheckResult(name, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    String line() {
        return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
    }

    @FunctionalInterface
    interface Check {
        String run() throws Exception;
    }
}
