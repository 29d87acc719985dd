package io.tandem.drill;

import io.tandem.flags.BooleanFlag;
import io.tandem.flags.TandemFlags;
import io.tandem.flags.sync.UnleashAdmin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Ops in a real browser ({@code chaos ops-ui}): {@code offer_kill_switch} switched in the Unleash UI, in headless
 * Chromium, reaches shoppers. Before, new carts priced through the proxy have their discount; the switch of the
 * environment the services read clicked ON: within 2 s new carts on every cluster have none and say
 * {@code SKIPPED_KILL_SWITCH}; clicked OFF: within 2 s the discounts are back. The flag is left OFF whatever happens
 * (admin API), because the test steps after this one price carts and expect discounts.
 */
final class OpsUi {
    static final BooleanFlag FLAG = TandemFlags.OFFER_KILL_SWITCH;
    static final String PROJECT = UnleashAdmin.DEFAULT_PROJECT;
    /** The promise to ops: a click reaches every cluster's pricing within this (clusters poll Unleash every 1 s). */
    static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(2);
    /** Pricing goes on past the limit up to this, so a slow change still gets its real figure printed. */
    static final Duration GIVE_UP = Duration.ofSeconds(15);

    private final Env env;
    private final DrillFlags admin;
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    OpsUi(Env env) {
        this.env = env;
        this.admin = new DrillFlags(env);
    }

    /** Runs the scenario; null when it passed, else why not. */
    String run() {
        long started = System.nanoTime();
        String failure = null;
        try {
            failure = inBrowser();
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage()).lines().findFirst().orElse("") + " (" + e.getClass().getSimpleName() + ")";
        } finally {
            String left = leaveOff();
            failure = failure != null ? failure : left;
            System.out.println("  ops-ui: " + (System.nanoTime() - started) / 1_000_000 + " ms in all");
        }
        return failure;
    }

    private String inBrowser() {
        try (CartPricer pricer = new CartPricer(env, "ops-ui-" + run + "-")) {
            String before = discountsBefore(pricer);
            if (before != null) {
                return before;
            }
            Path logs = env.runDir().resolve("logs");
            try (UnleashUi ui = UnleashUi.start(env.get("unleash.url"), logs)) {
                String failure;
                try {
                    failure = switchInUi(ui, pricer);
                } catch (RuntimeException e) {
                    saveEvidence(ui);
                    throw e;
                }
                if (failure != null) {
                    saveEvidence(ui);
                }
                return failure;
            }
        }
    }

    /** Shoppers on each cluster, and their new carts discounted (the flag switched off first if someone left it on). */
    private String discountsBefore(CartPricer pricer) {
        if (admin.isOn(FLAG)) {
            System.out.println("  " + FLAG + " was on before the scenario: switched off through the admin API");
            admin.toggle(FLAG, false);
        }
        List<CartPricer.Price> found = pricer.findShoppers();
        System.out.println("  shoppers on clusters " + pricer.clusterList() + " (" + found.size() + " users tried, product "
                + CartPricer.PRODUCT + ")");
        if (pricer.clusterList().isEmpty()) {
            return "no cart could be priced through the proxy: " + found.stream().limit(5).toList();
        }
        Propagation.Result before = Propagation.await(pricer, CartPricer.Price::discounted, System.nanoTime(), GIVE_UP);
        System.out.println("  before: " + before.lastPrices());
        return before.reached() ? null : "before any click, new carts had no discount: " + before.lastPrices();
    }

    private String switchInUi(UnleashUi ui, CartPricer pricer) {
        String environment = DrillFlags.ENVIRONMENT;
        ui.login(env.get("unleash.ui.user"), env.get("unleash.ui.password"));
        ui.openFlag(PROJECT, FLAG.name(), environment);
        System.out.println("  logged in to the Unleash UI as " + env.get("unleash.ui.user") + "; " + FLAG + " page open, "
                + environment + " shows " + (ui.isOn(environment) ? "on" : "off"));
        String on = flip(ui, pricer, true, CartPricer.Price::killSwitched, "no discount (SKIPPED_KILL_SWITCH)");
        return on != null ? on : flip(ui, pricer, false, CartPricer.Price::discounted, "discounts back (APPLIED)");
    }

    /** One click, then new carts until every cluster prices as wanted; checks the UI and Unleash agree with the click. */
    private String flip(UnleashUi ui, CartPricer pricer, boolean on, Predicate<CartPricer.Price> wanted, String what) {
        String environment = DrillFlags.ENVIRONMENT;
        String click = on ? "ON" : "OFF";
        long asked = System.currentTimeMillis();
        long clickedAt = ui.click(environment, on);
        // the mark on the monotonic clock: now, less how long ago (wall clock) the page got the click
        long mark = System.nanoTime() - (System.currentTimeMillis() - clickedAt) * 1_000_000;
        long deliveredMs = clickedAt - asked;
        Propagation.Result result = Propagation.await(pricer, wanted, mark, GIVE_UP);
        ui.awaitShown(environment, on);
        boolean unleashOn = admin.isOn(FLAG);
        System.out.println("  clicked " + click + " (WebDriver delivered the click in " + deliveredMs + " ms): " + what
                + " on every cluster " + describe(result) + "; UI shows " + (on ? "on" : "off") + "; Unleash says "
                + (unleashOn ? "on" : "off"));
        if (unleashOn != on) {
            return "clicking " + click + " in the UI did not switch " + FLAG + " in Unleash";
        }
        if (!result.reached()) {
            return "after clicking " + click + ", not " + what + " within " + GIVE_UP.toSeconds() + " s: " + result.lastPrices();
        }
        if (result.millis() > PROPAGATION_LIMIT.toMillis()) {
            return "after clicking " + click + ", " + what + " only for carts sent from +" + result.millis()
                    + " ms (limit " + PROPAGATION_LIMIT.toMillis() + " ms)";
        }
        return null;
    }

    private static String describe(Propagation.Result result) {
        return (result.reached() ? "for carts sent from +" + result.millis() + " ms (answered by +" + result.answeredMillis()
                + " ms)" : "- not within " + GIVE_UP.toMillis() + " ms") + " (first of " + Propagation.CONFIRMATIONS
                + " in a row: " + result.perCluster() + "; " + result.carts() + " carts; last " + result.lastPrices() + ")";
    }

    private void saveEvidence(UnleashUi ui) {
        ui.saveEvidence(run + "-failure").forEach(p -> System.out.println("  saved: " + p));
    }

    /** The flag off through the admin API: the steps after this one expect discounts. */
    private String leaveOff() {
        try {
            admin.toggle(FLAG, false);
            return admin.isOn(FLAG) ? FLAG + " is still on after switching it off" : null;
        } catch (RuntimeException e) {
            System.out.println("  could not switch " + FLAG + " off: " + e.getMessage());
            return "could not switch " + FLAG + " off at the end: " + e.getMessage();
        }
    }
}
