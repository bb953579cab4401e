package io.flowwatch.events.messaging;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Watches a relay's rounds on one outgoing channel for confirms that stop arriving: after a broker restart the
 * connector's publisher has been seen to complete only the odd single confirm from then on, although the channel
 * reported its connection up, so every round waited out its confirm timeout, for good; a new connection cured it
 * (see {@link ChannelRestart}). Counts the rounds in a row that ended with publishes unconfirmed on a connected
 * channel and puts the channel on a new connection after every {@code restartAfter} of them. One per relay; safe for
 * rounds that run at the same time.
 */
public final class StalledConfirms {

    private static final Logger LOG = Logger.getLogger(StalledConfirms.class);

    private final String channel;
    private final int restartAfter;
    private final Function<String, Uni<Void>> restart;
    private final AtomicInteger rounds = new AtomicInteger();

    /** @param restart puts the named channel on a new connection ({@link ChannelRestart#restart}) */
    public StalledConfirms(String channel, int restartAfter, Function<String, Uni<Void>> restart) {
        this.channel = channel;
        this.restartAfter = Math.max(1, restartAfter);
        this.restart = restart;
    }

    /** A round ended with every publish confirmed, or with a failure that is not a confirm gone missing. */
    public void roundConfirmed() {
        rounds.set(0);
    }

    /**
     * A round ended with publishes unconfirmed. It counts only while the channel reports its connection up: a channel
     * that lost its connection gets a new one anyway.
     */
    public void roundUnconfirmed(boolean connected) {
        if (!connected) {
            rounds.set(0);
            return;
        }
        int count = rounds.incrementAndGet();
        if (count % restartAfter == 0) {
            LOG.warnf("%d relay rounds in a row without their confirms although the broker connection is up;"
                    + " restarting the connection of channel %s", count, channel);
            restart.apply(channel).subscribe().with(
                    done -> LOG.infof("channel %s is on a new broker connection", channel),
                    failure -> LOG.warnf("could not restart the connection of channel %s: %s", channel,
                            failure.getMessage()));
        }
    }

    /** Rounds in a row that ended with publishes unconfirmed on a connected channel. */
    public int rounds() {
        return rounds.get();
    }

    /**
     * Whether a relay counts as stalled for liveness: {@code stalledAfter} or more rounds in a row without their
     * confirms, and the channel's connection still up (a broker that is down is not the relay's stall).
     */
    public static boolean stalled(int unconfirmedRounds, boolean connected, int stalledAfter) {
        return connected && unconfirmedRounds >= stalledAfter;
    }
}
