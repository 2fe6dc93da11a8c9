package io.lvsfeedback.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The status page's query parameters come from anyone who can reach the port: every value is either read or named. */
class StatusQueryPropertiesTest {

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> numbers = Arbitraries.longs().map(n -> Long.toString(n));
        return Arbitraries.oneOf(java.util.List.of(any, numbers, Arbitraries.of("", " ", "0", "-1", "2147483647", "2147483648",
                        "1e3", "true", "false", "TRUE", "\u0000", "99999999999999999999")));
    }

    @Property(tries = 3000)
    void anyParameterValueIsReadWithinItsRangeOrRefusedByName(@ForAll("values") String page, @ForAll("values") String limit,
                                                                @ForAll("values") String refresh, @ForAll("values") String history,
                                                                @ForAll String service) {
        Map<String, String> params = Map.of("page", page, "limit", limit, "refresh", refresh, "history", history,
                "service", service);
        StatusQuery q;
        try {
            q = StatusQuery.parse(params);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("parameter '").containsAnyOf("'page'", "'limit'", "'refresh'", "'history'");
            return;
        }
        assertThat(q.page()).isPositive();
        assertThat(q.limit()).isBetween(1, StatusQuery.MAX_LIMIT);
        assertThat(q.refreshSeconds()).isBetween(0, 3600);
        assertThat(q.forPage(Integer.MAX_VALUE)).startsWith("?page=2147483647");
    }

    @Property(tries = 200)
    void aLimitBeyondTheMaximumIsRefused(@ForAll @net.jqwik.api.constraints.IntRange(min = StatusQuery.MAX_LIMIT + 1) int limit) {
        assertThatThrownBy(() -> StatusQuery.parse(Map.of("limit", Integer.toString(limit))))
                .hasMessageContaining("'limit'");
    }
}
