package io.flowwatch.events.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQConnector;
import io.vertx.rabbitmq.RabbitMQClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Puts an outgoing RabbitMQ channel on a new connection. The connector's publisher (vert.x {@code RabbitMQPublisher})
 * keeps the messages that await a confirm in one queue ordered by delivery tag and forgets them only when it sees its
 * channel replaced on a new connection. After a broker restart it has been seen to complete only the odd single
 * confirm from then on — the broker's confirms of several messages at once completed nothing — so every relay round
 * waited out its confirm timeout, for good (fault suite, RabbitMQ restarts, one restart in several); the next broker
 * restart cured it. A new connection is that cure. The connector offers no way to ask for one, so this takes the
 * channel's client from the connector (its private map of clients by channel name), closes its connection and lets
 * the client reconnect as it does after a broker restart ({@code reconnect-attempts}, {@code reconnect-interval}).
 */
@ApplicationScoped
public class ChannelRestart {

    private final Instance<RabbitMQConnector> connectors;

    public ChannelRestart(@Any Instance<RabbitMQConnector> connectors) {
        this.connectors = connectors;
    }

    /** A watch over a relay's rounds on {@code channel} that restarts its connection when confirms stop arriving. */
    public StalledConfirms watch(String channel, int restartAfter) {
        return new StalledConfirms(channel, restartAfter, this::restart);
    }

    /** Closes the channel's connection and reconnects; fails when the channel has no client (yet). */
    public Uni<Void> restart(String channel) {
        RabbitMQClient client;
        try {
            client = client(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "cannot reach the RabbitMQ client of channel " + channel + ": " + e, e));
        }
        if (client == null) {
            return Uni.createFrom().failure(new IllegalStateException("channel " + channel + " has no RabbitMQ client"));
        }
        return Uni.createFrom().completionStage(() -> client.stop().toCompletionStage())
                .onFailure().recoverWithNull()
                // With its connection closed by the application the client does not reconnect by itself.
                .chain(() -> Uni.createFrom().<Void>emitter(done -> client.restartConnect(0, result -> {
                    if (result.succeeded()) {
                        done.complete(null);
                    } else {
                        done.fail(result.cause());
                    }
                })));
    }

    @SuppressWarnings("unchecked")
    private RabbitMQClient client(String channel) throws ReflectiveOperationException {
        RabbitMQConnector connector = connectors.select(RabbitMQConnector.class).get();
        // A client proxy: the field lives on the bean instance behind it.
        Object instance = io.quarkus.arc.ClientProxy.unwrap(connector);
        Field clients = RabbitMQConnector.class.getDeclaredField("clients");
        clients.setAccessible(true);
        Map<String, io.vertx.mutiny.rabbitmq.RabbitMQClient> byChannel =
                (Map<String, io.vertx.mutiny.rabbitmq.RabbitMQClient>) clients.get(instance);
        io.vertx.mutiny.rabbitmq.RabbitMQClient client = byChannel == null ? null : byChannel.get(channel);
        return client == null ? null : client.getDelegate();
    }
}
