package dev.imagebaker.azureimage.bake.guest;

import dev.imagebaker.azureimage.bake.cloud.ImageFacts;
import dev.imagebaker.azureimage.bake.cloud.VmSku;
import dev.imagebaker.azureimage.bake.run.StepFailedException;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/** A VM size judged against the region's catalogue and the source image, with sizes that would work instead. */
public final class Sizes {
    private Sizes() {
    }

    /** The size, or the refusal (made by refusal(problem, fix)) that names it, the region and a few that work. */
    public static VmSku require(List<VmSku> catalogue, String name, String location, ImageFacts facts, String source,
                         BiFunction<String, String, StepFailedException> refusal) {
        VmSku size = catalogue.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst().orElse(null);
        String problem = null;
        if (size == null) {
            problem = "The VM size " + name + " is not offered in " + location + ".";
        } else if (!size.available()) {
            problem = "The VM size " + name + " is not available to this subscription in " + location + " ("
                    + String.join(", ", size.restrictions()) + ").";
        } else if (!size.architecture().equalsIgnoreCase(facts.architecture())) {
            problem = "The VM size " + name + " runs " + size.architecture() + ", but the source " + source + " is an "
                    + facts.architecture() + " image.";
        } else if (size.hyperVGenerations().stream().noneMatch(g -> g.equalsIgnoreCase(facts.hyperVGeneration()))) {
            problem = "The VM size " + name + " runs Hyper-V " + String.join(",", size.hyperVGenerations())
                    + " images, but the source " + source + " is " + facts.hyperVGeneration() + ".";
        }
        if (problem != null) {
            List<String> alternatives = alternatives(catalogue, size, facts);
            throw refusal.apply(problem, alternatives.isEmpty() ? "Choose another <vmSize> or <location>."
                    : "Choose a <vmSize> that fits, e.g. " + String.join(", ", alternatives) + ".");
        }
        return size;
    }

    /** Up to three available sizes for the image, nearest in vCPUs to the refused one (2 when unknown). */
    public static List<String> alternatives(List<VmSku> catalogue, VmSku refused, ImageFacts facts) {
        int vCpus = refused == null ? 2 : refused.vCpus();
        return catalogue.stream().filter(VmSku::available)
                .filter(s -> s.architecture().equalsIgnoreCase(facts.architecture()))
                .filter(s -> s.hyperVGenerations().stream().anyMatch(g -> g.equalsIgnoreCase(facts.hyperVGeneration())))
                .sorted(Comparator.comparingInt((VmSku s) -> Math.abs(s.vCpus() - vCpus))
                        .thenComparing(s -> refused != null && s.family().equals(refused.family()) ? 0 : 1)
                        .thenComparing(VmSku::name))
                .limit(3).map(VmSku::name).toList();
    }
}
