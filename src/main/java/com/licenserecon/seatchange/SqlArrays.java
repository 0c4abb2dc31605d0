package com.licenserecon.seatchange;

import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * Array parameters for {@code column = ANY(?)}: a whole chunk's ids in one statement whose text does not depend
 * on their number, on PostgreSQL and on H2 alike.
 */
final class SqlArrays {

    private SqlArrays() {
    }

    static AbstractSqlTypeValue uuids(Collection<UUID> ids) {
        return of("uuid", ids.toArray());
    }

    static AbstractSqlTypeValue varchars(Collection<String> values) {
        return of("varchar", values.toArray());
    }

    private static AbstractSqlTypeValue of(String elementType, Object[] elements) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(java.sql.Connection connection, int sqlType, String typeName)
                    throws java.sql.SQLException {
                return connection.createArrayOf(elementType, elements);
            }
        };
    }
}
