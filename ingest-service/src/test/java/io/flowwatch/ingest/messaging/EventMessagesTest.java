package io.flowwatch.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowwatch.ingest.repository.OutboxRepository.OutboxRow;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventMessagesTest {

    private static OutboxRow row(long seq, String routingKey) {
        return row(seq, routingKey, "req-1", false);
    }

    private static OutboxRow row(long seq, String routingKey, String requestId, boolean replay) {
        return new OutboxRow(seq, replay, UUID.randomUUID(), "flowwatch.quote.v1", "api:test", "BTC", routingKey,
                "{}", requestId, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    private static List<List<Long>> seqs(List<List<OutboxRow>> messages) {
        return messages.stream().map(message -> message.stream().map(OutboxRow::seq).toList()).toList();
    }

    @Test
    void rowsOfOneRoutingKeyShareAMessageInSeqOrderAndMessagesComeInTheOrderOfTheirFirstRow() {
        List<OutboxRow> rows = List.of(row(1, "quote.btc.btc"), row(2, "quote.eth.eth"), row(3, "quote.btc.btc"),
                row(4, "flow.btc.ibit"), row(5, "quote.eth.eth"));

        assertEquals(List.of(List.of(1L, 3L), List.of(2L, 5L), List.of(4L)), seqs(EventMessages.of(rows, 100)));
    }

    @Test
    void aFullMessageIsFollowedByANewOneForTheSameKey() {
        List<OutboxRow> rows = List.of(row(1, "quote.btc.btc"), row(2, "quote.btc.btc"), row(3, "quote.eth.eth"),
                row(4, "quote.btc.btc"), row(5, "quote.btc.btc"));

        assertEquals(List.of(List.of(1L, 2L), List.of(3L), List.of(4L, 5L)), seqs(EventMessages.of(rows, 2)));
        assertEquals(5, EventMessages.of(rows, 1).size(), "one event per message");
    }

    @Test
    void rowsOfOtherRequestsOrOfAReplayGoInMessagesOfTheirOwnSoThatEveryHeaderHoldsForEveryEvent() {
        List<OutboxRow> rows = List.of(row(1, "quote.btc.btc", "req-1", false), row(2, "quote.btc.btc", "req-1", false),
                row(3, "quote.btc.btc", "req-2", false), row(4, "quote.btc.btc", "req-2", false),
                row(5, "quote.btc.btc", "req-2", true), row(6, "quote.btc.btc", "req-1", false));

        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L), List.of(6L)),
                seqs(EventMessages.of(rows, 100)));
    }

    @Test
    void aMessageNeverJumpsOverAnotherRowOfItsAggregateSoEachAggregateKeepsSeqOrder() {
        // A Farside table: every product of BTC date by date (one aggregate, asset.btc, two routing keys); ETH
        // quotes between them; liquidations of two instruments on one venue (one aggregate, venue.binance).
        List<OutboxRow> rows = List.of(row(1, "flow.btc.ibit"), row(2, "flow.btc.fbtc"), row(3, "quote.eth.eth"),
                row(4, "flow.btc.ibit"), row(5, "quote.eth.eth"), row(6, "flow.btc.fbtc"), row(7, "flow.btc.fbtc"),
                row(8, "liquidation.btc.binance"), row(9, "liquidation.eth.binance"),
                row(10, "liquidation.btc.binance"));

        assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L, 5L), List.of(4L), List.of(6L, 7L), List.of(8L),
                List.of(9L), List.of(10L)), seqs(EventMessages.of(rows, 100)));
    }

    @Test
    void lessThanOneEventPerMessageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventMessages.of(List.of(row(1, "quote.btc.btc")), 0));
    }
}
