package io.flowwatch.system;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the demo channels deliver: a WireMock webhook receiver and a GreenMail SMTP server, on fixed ports so that
 * either can be taken down and brought back where alert-service expects it. What a stopped instance received is kept.
 */
final class Receivers implements AutoCloseable {

    static final int WEBHOOK_PORT = 18090;
    static final int SMTP_PORT = 18025;
    static final String WEBHOOK_PATH = "/hooks/demo";
    static final String WEBHOOK_SECRET = "whsec_ZmF1bHQtc3VpdGUtd2ViaG9vay1zZWNyZXQtMzItYnl0ZXMh";
    static final String MAIL_TO = "desk@example.com";

    /** One webhook call as received: its Standard Webhooks headers and body. */
    record WebhookCall(String id, String timestamp, String signature, String body) {
        boolean signatureValid() {
            try {
                byte[] key = Base64.getDecoder().decode(WEBHOOK_SECRET.substring("whsec_".length()));
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return signature != null && List.of(signature.split(" ")).contains(expected);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One e-mail as received. */
    record Mail(String messageId, String subject) {
        /** The notification id of {@code <notification-id.channel@flowwatch.alert>}. */
        String notificationId() {
            String inner = messageId.replaceAll("^<|>$", "");
            int dot = inner.indexOf('.');
            return dot < 0 ? inner : inner.substring(0, dot);
        }
    }

    private final List<WebhookCall> earlierWebhooks = new ArrayList<>();
    private final List<Mail> earlierMails = new ArrayList<>();
    private WireMockServer webhook;
    private GreenMail mail;

    /** Starts the webhook receiver; a no-op while it runs (a second server could not bind, and the first's calls would be lost). */
    synchronized void startWebhook() {
        if (webhook != null) {
            return;
        }
        webhook = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(WEBHOOK_PORT));
        webhook.start();
        webhook.stubFor(WireMock.post(WireMock.urlPathEqualTo(WEBHOOK_PATH)).willReturn(WireMock.aResponse().withStatus(204)));
    }

    synchronized void stopWebhook() {
        earlierWebhooks.addAll(calls(webhook));
        webhook.stop();
        webhook = null;
    }

    /** Starts the SMTP server; a no-op while it runs. */
    synchronized void startMail() {
        if (mail != null) {
            return;
        }
        mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    synchronized void stopMail() {
        earlierMails.addAll(mails(mail));
        mail.stop();
        mail = null;
    }

    synchronized List<WebhookCall> webhooks() {
        List<WebhookCall> all = new ArrayList<>(earlierWebhooks);
        if (webhook != null) {
            all.addAll(calls(webhook));
        }
        return all;
    }

    synchronized List<Mail> mails() {
        List<Mail> all = new ArrayList<>(earlierMails);
        if (mail != null) {
            all.addAll(mails(mail));
        }
        return all;
    }

    private static List<WebhookCall> calls(WireMockServer server) {
        List<WebhookCall> calls = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            var request = event.getRequest();
            if (request.getUrl().startsWith(WEBHOOK_PATH)) {
                calls.add(new WebhookCall(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                        request.getHeader("webhook-signature"), request.getBodyAsString()));
            }
        }
        return calls;
    }

    private static List<Mail> mails(GreenMail server) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                mails.add(new Mail(message.getMessageID(), message.getSubject()));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    @Override
    public synchronized void close() {
        if (webhook != null) {
            webhook.stop();
        }
        if (mail != null) {
            mail.stop();
        }
    }
}
