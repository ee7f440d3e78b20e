package dev.imagebaker.azureimage.bake.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a goal and what each waits for. A step added with {@link #then} waits for the one added before it;
 * one added with {@link #after} waits only for the steps named, so independent work can run at the same time (as
 * Jib's StepsRunner chains futures). Numbering follows the order of adding.
 */
public final class Plan<C> {
    private final List<Node<C>> nodes = new ArrayList<>();

    /**
     * A step in the plan, to name as another step's prerequisite. Equal only to itself: a record's structural
     * hashCode would walk every prerequisite's prerequisites, exponential in a plan of many chained steps.
     */
    public static final class Node<C> {
        private final int number;
        private final Step<C> step;
        private final List<Node<C>> after;

        Node(int number, Step<C> step, List<Node<C>> after) {
            this.number = number;
            this.step = step;
            this.after = after;
        }

        public int number() {
            return number;
        }

        public Step<C> step() {
            return step;
        }

        public List<Node<C>> after() {
            return after;
        }
    }

    /** Adds a step that runs once every step added so far has finished. */
    public Node<C> then(Step<C> step) {
        return add(step, List.copyOf(nodes));
    }

    /** Adds a step that runs once the given steps have finished (at once, when none are given). */
    @SafeVarargs
    public final Node<C> after(Step<C> step, Node<C>... prerequisites) {
        return add(step, List.of(prerequisites));
    }

    private Node<C> add(Step<C> step, List<Node<C>> after) {
        Node<C> node = new Node<>(nodes.size() + 1, step, after);
        nodes.add(node);
        return node;
    }

    List<Node<C>> nodes() {
        return List.copyOf(nodes);
    }

    public int size() {
        return nodes.size();
    }
}
