package io.flowwatch.analytics.messaging;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A plain AMQP connection (the same broker and credentials as the connector's channels) for what the connector does
 * not offer: browsing and moving parked messages, and reading queue depths. Opened on first use, reopened when
 * lost. Blocking: call it from worker threads only.
 */
@ApplicationScoped
public class BrokerConnection {

    /** Work on a channel that is closed afterwards. */
    @FunctionalInterface
    public interface ChannelWork<T> {
        T apply(Channel channel) throws IOException, InterruptedException, TimeoutException;
    }

    private final ConnectionFactory factory = new ConnectionFactory();
    private final Address[] addresses;
    private Connection connection;

    public BrokerConnection(
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password,
            @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost,
            @ConfigProperty(name = "rabbitmq-addresses") Optional<String> addresses) {
        // A cluster: the connector's rabbitmq-addresses (host:port,…), tried in order.
        this.addresses = addresses.filter(list -> !list.isBlank()).map(Address::parseAddresses).orElse(null);
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
    }

    public <T> T withChannel(ChannelWork<T> work) {
        try (Channel channel = connection().createChannel()) {
            return work.apply(channel);
        } catch (IOException | TimeoutException e) {
            throw new BrokerException("RabbitMQ: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted", e);
        }
    }

    private synchronized Connection connection() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            connection = addresses == null ? factory.newConnection("analytics-service-admin")
                    : factory.newConnection(addresses, "analytics-service-admin");
        }
        return connection;
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(2_000);
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** The broker could not be reached or refused an operation. */
    public static class BrokerException extends RuntimeException {
        public BrokerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
