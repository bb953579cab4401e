package io.flowwatch.gateway.service;

import java.util.Locale;

/** What a key may do; each role includes the ones before it. */
public enum Role {
    READER,
    WRITER,
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be reader, writer or admin, not '" + value + "'");
    }
}
