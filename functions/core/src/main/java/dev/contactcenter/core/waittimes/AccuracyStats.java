package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.SettledQuote;

/**
 * Accuracy of the quotes of one queue, channel and language. The error of a quote is quoted minus realized
 * wait, so bias > 0 means quotes were too long. Only contacts that reached an agent have a realized wait to
 * compare: an abandoning contact's wait ends when it gives up, which says only that its wait would have been
 * longer, so abandonments are counted beside the statistics, not in them.
 */
public final class AccuracyStats {
    private long count;
    private long abandoned;
    private double errorSum;
    private double squaredErrorSum;
    private double absoluteErrorSum;
    private double quotedSum;
    private double realizedSum;

    public void add(SettledQuote s) {
        if (s.outcome() == ContactState.ABANDONED) {
            abandoned++;
            return;
        }
        double error = s.errorSeconds();
        count++;
        errorSum += error;
        squaredErrorSum += error * error;
        absoluteErrorSum += Math.abs(error);
        quotedSum += s.quotedSeconds();
        realizedSum += s.realizedSeconds();
    }

    /** Contacts that reached an agent: the sample of every statistic below. */
    public long count() {
        return count;
    }

    public long abandonedCount() {
        return abandoned;
    }

    /** Mean of quoted - realized; null without a sample. */
    public Double biasSeconds() {
        return mean(errorSum);
    }

    public Double rmseSeconds() {
        return count == 0 ? null : Math.sqrt(squaredErrorSum / count);
    }

    public Double maeSeconds() {
        return mean(absoluteErrorSum);
    }

    public Double meanQuotedSeconds() {
        return mean(quotedSum);
    }

    public Double meanRealizedSeconds() {
        return mean(realizedSum);
    }

    private Double mean(double sum) {
        return count == 0 ? null : sum / count;
    }
}
