package io.flowwatch.alert.client;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Hands an e-mail to the SMTP server through quarkus-mailer (TLS, STARTTLS and auth per {@code quarkus.mailer.*}). */
@ApplicationScoped
public class EmailClient {

    private final ReactiveMailer mailer;

    public EmailClient(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /**
     * @param messageId the {@code Message-ID} header, {@code <…@…>}: stable per notification and channel, so a
     *     receiver can drop a copy that a retry after a lost acknowledgement sends again
     */
    public Uni<Void> send(List<String> to, String subject, String text, String html, String messageId,
            Duration timeout) {
        Mail mail = new Mail()
                .setTo(to)
                .setSubject(subject)
                .setText(text)
                .setHtml(html)
                .addHeader("Message-ID", messageId);
        return mailer.send(mail)
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException(
                        "the SMTP server did not take the message within " + timeout.toMillis() + " ms"));
    }
}
