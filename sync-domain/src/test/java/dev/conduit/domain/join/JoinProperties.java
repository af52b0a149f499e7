package dev.conduit.domain.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.Comparator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The two-way and the three-way join (one merge-join under both) are the full outer join of their inputs: each path
 * once, in order, with what each input holds there.
 */
class JoinProperties {

    @Property(tries = 300)
    void pairingHoldsEveryPathOnceWithWhatEachSideHolds(
            @ForAll("indexes") List<IndexEntry> source,
            @ForAll("indexes") List<IndexEntry> target,
            @ForAll boolean ascending) {
        Comparator<IndexEntry> order = ascending ? Pairing.ASCENDING : Pairing.DESCENDING;
        List<Pairing.Pair> pairs = List.ofAll(() -> new Pairing(
                source.sorted(order).iterator(), target.sorted(order).iterator(), order));

        assertThat(pairs.map(Pairing.Pair::path)).isEqualTo(paths(order, source, target));
        for (Pairing.Pair pair : pairs) {
            assertThat(pair.source()).isEqualTo(at(source, pair.path()));
            assertThat(pair.target()).isEqualTo(at(target, pair.path()));
        }
    }

    @Property(tries = 300)
    void threeWayHoldsEveryPathOnceWithWhatEachStreamHolds(
            @ForAll("indexes") List<IndexEntry> base,
            @ForAll("indexes") List<IndexEntry> source,
            @ForAll("indexes") List<IndexEntry> target,
            @ForAll boolean ascending) {
        Comparator<IndexEntry> order = ascending ? Pairing.ASCENDING : Pairing.DESCENDING;
        List<ThreeWay.Triple> triples = List.ofAll(() -> new ThreeWay(
                base.sorted(order).iterator(),
                source.sorted(order).iterator(),
                target.sorted(order).iterator(),
                order));

        assertThat(triples.map(ThreeWay.Triple::path)).isEqualTo(paths(order, base, source, target));
        for (ThreeWay.Triple triple : triples) {
            assertThat(triple.base()).isEqualTo(at(base, triple.path()));
            assertThat(triple.source()).isEqualTo(at(source, triple.path()));
            assertThat(triple.target()).isEqualTo(at(target, triple.path()));
        }
    }

    @Test
    void aStreamOutOfOrderIsRefused() {
        java.util.Iterator<IndexEntry> unordered =
                List.of(Entries.file("b", 'x'), Entries.file("a", 'x')).iterator();

        assertThatThrownBy(() -> new ThreeWay(
                                java.util.Collections.emptyIterator(),
                                unordered,
                                java.util.Collections.emptyIterator(),
                                Pairing.ASCENDING)
                        .forEachRemaining(triple -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of order");
    }

    @SafeVarargs
    private static List<RelativePath> paths(Comparator<IndexEntry> order, List<IndexEntry>... inputs) {
        return List.of(inputs)
                .flatMap(input -> input)
                .sorted(order)
                .map(IndexEntry::path)
                .distinct();
    }

    private static Option<IndexEntry> at(List<IndexEntry> input, RelativePath path) {
        return input.find(entry -> entry.path().equals(path));
    }

    @Provide
    Arbitrary<List<IndexEntry>> indexes() {
        return Arbitraries.of("a", "b", "a-b", "é", "z")
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(parts -> String.join("/", parts))
                .set()
                .ofMaxSize(12)
                .map(paths -> List.ofAll(TreeSet.ofAll(paths)).map(path -> Entries.file(path, 'x')));
    }
}
