package govlens.lib.indicators;

import govlens.lib.indicators.IndicatorRules.Description;
import govlens.lib.indicators.NumberNormalizer.NumberToken;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assigns a number to an indicator from the {@link Description}s of the rules file, for numbers no trigger rule
 * claimed. Works on the whitespace-free text of a sentence unit; offsets are into that text.
 *
 * <p>A description applies when the number's unit is one of its units, an action term stands in the number's
 * clause (preferably between the previous number and this one, as in 受理58件、办结50件; else earlier in the
 * clause, across a long object; else within {@code actionAfter} characters after the number, as in
 * 常务会议3次专题听取) and a subject term stands before the number in the same sentence (carried across clauses) or
 * right after it in its clause (培育2000名法律明白人). The description with the nearest subject plus action wins;
 * a tie between two indicators leaves the number unassigned ({@code ambiguous}). After 分别 the numbers of a list
 * are dealt out in order to the listed actions or subjects (受理、办结…分别为58件、50件); a list whose lengths
 * disagree is not guessed at. An exclusion term between the subject and the number, or in the rest of the clause,
 * rules the description out ({@code excluded_term} when nothing else applies). Stateless and thread-safe.
 */
final class DescriptionMatcher implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Extra distance for an action found before an earlier number of the same clause. */
    private static final int FAR_ACTION = 30;
    /** Extra distance for a subject carried from an earlier clause of the sentence. */
    private static final int CARRIED_SUBJECT = 15;
    /** How far after the number a subject may stand (2000名法律明白人). */
    private static final int SUBJECT_AFTER = 6;
    /** How far before a rate its rate term may stand (满意率达 98%). */
    private static final int RATE_GAP = 6;

    private static final Pattern LIST_GAP = Pattern.compile("[、和及与]|分别");

    /** The outcome: a description, or a rejection reason, never both. */
    record Match(Description description, String reason, List<Description> also) {
        Match(Description description, String reason) {
            this(description, reason, List.of());
        }
    }

    private record Hit(int start, int end) {}

    private final List<Description> descriptions;

    DescriptionMatcher(List<Description> descriptions) {
        this.descriptions = List.copyOf(descriptions);
    }

    /**
     * @param u the whitespace-free unit text
     * @param sStart start of the number's sentence in {@code u}
     * @param cStart start of the number's clause
     * @param cEnd end of the number's clause
     * @return the match, a rejection, or null when no description had anything to say
     */
    Match match(String u, int sStart, int cStart, int cEnd, NumberToken t, List<NumberToken> tokens) {
        if (descriptions.isEmpty()) {
            return null;
        }
        int prevEnd = cStart;
        int nextStart = cEnd;
        for (NumberToken o : tokens) {
            if (o.end() <= t.start() && o.end() > prevEnd && o.start() >= cStart) {
                prevEnd = o.end();
            }
            if (o.start() >= t.end() && o.start() < nextStart) {
                nextStart = o.start();
            }
        }
        int fen = u.lastIndexOf("分别", t.start());
        if (fen >= cStart) {
            return distribute(u, sStart, cStart, cEnd, fen, t, tokens);
        }
        Match shared = sharedFigure(u, sStart, cStart, t);
        if (shared != null) {
            return shared;
        }

        // A figure inside brackets after its whole is a breakdown (案件245件(刑事189件…)): part, not total.
        if (unclosedBracket(u, cStart, t.start())) {
            return new Match(null, "breakdown");
        }
        // After 其中 a figure is a part of the one before (受理749件，其中自然人申请741件) unless its own action
        // follows 其中 (审结50件，其中纠错5件).
        int part = u.lastIndexOf("其中", t.start() - 1);
        if (part < cStart) {
            part = -1;
        }
        boolean partOnly = false;

        Description best = null;
        double bestScore = Double.MAX_VALUE;
        boolean ambiguous = false;
        boolean excluded = false;
        for (Description d : descriptions) {
            if (!unitFits(d, t)) {
                continue;
            }
            // The required context stands in the sentence up to the end of the number's clause.
            if (d.sentenceRequire() != null && !find(d.sentenceRequire(), u, sStart, cEnd)) {
                continue;
            }
            double dA;
            Hit a = lastHit(d.action(), u, prevEnd, t.start());
            if (a != null) {
                dA = t.start() - a.end();
            } else if ((a = lastHit(d.action(), u, cStart, prevEnd)) != null) {
                dA = t.start() - a.end() + FAR_ACTION;
            } else if (d.actionAfter() > 0
                    && (a = firstHit(d.action(), u, t.end(), Math.min(nextStart, t.end() + d.actionAfter()))) != null) {
                dA = a.start() - t.end() + 2;
            } else {
                continue;
            }
            if (part >= 0 && a.start() < part + 2) {
                partOnly = true;
                continue;
            }
            if (d.rate()) {
                // A rate follows its rate term closely, with no list between (满意率、办结率分别…).
                if (a.end() > t.start() || t.start() - a.end() > RATE_GAP) {
                    continue;
                }
                if (LIST_GAP.matcher(u.substring(a.end(), t.start())).find()) {
                    continue;
                }
            }
            Hit sb = lastHit(d.subject(), u, sStart, t.start());
            Hit sa = firstHit(d.subject(), u, t.end(), nextStart);
            double dS;
            if (sa != null && sa.start() - t.end() <= SUBJECT_AFTER) {
                dS = sa.start() - t.end() + 1;
            } else if (sb != null) {
                dS = t.start() - sb.end() + (sb.end() <= cStart ? CARRIED_SUBJECT : 0);
            } else {
                continue;
            }
            // Exclusion terms are looked for from the subject (or the clause start) up to the next number.
            int spanStart = sb != null && (sa == null || sa.start() - t.end() > SUBJECT_AFTER)
                    ? Math.min(sb.start(), cStart)
                    : cStart;
            if (d.exclude() != null && find(d.exclude(), u, spanStart, nextStart)) {
                excluded = true;
                continue;
            }
            double score = dS + dA;
            if (best == null || score < bestScore) {
                best = d;
                bestScore = score;
                ambiguous = false;
            } else if (score == bestScore && !d.indicator().equals(best.indicator())) {
                ambiguous = true;
            }
        }
        if (best == null) {
            if (partOnly) {
                return new Match(null, "breakdown");
            }
            return excluded ? new Match(null, "excluded_term") : null;
        }
        if (ambiguous) {
            return new Match(null, "ambiguous");
        }
        return new Match(best, null);
    }

    /** 均 right before the number: one figure for every item of the list before it (办结率、满意率均达98.6%). */
    private static final Pattern ALL_OF = Pattern.compile("均(为|达到|达|是|保持在|在|超过)?$");

    /**
     * When 均 stands right before the number after a list of actions (办结率、满意率均达98.6%), the descriptions of
     * all of them; else null. Tried before the trigger rules too, which would claim the figure for one item only.
     */
    Match sharedFigure(String u, int sStart, int cStart, NumberToken t) {
        Matcher all = ALL_OF.matcher(u);
        all.region(cStart, t.start());
        return all.find() ? shared(u, sStart, cStart, all.start(), t) : null;
    }

    /**
     * The descriptions of every listed action before 均 (at {@code jun}), each with its subject before the list in
     * the sentence; null when the words before 均 are no list of actions.
     */
    private Match shared(String u, int sStart, int cStart, int jun, NumberToken t) {
        List<Hit> terms = new ArrayList<>();
        for (Description d : descriptions) {
            terms.addAll(allHits(d.action(), u, cStart, jun));
        }
        terms = mergeLongest(terms);
        if (terms.size() < 2 || !separatedAsList(u, terms, jun)) {
            return null;
        }
        List<Description> found = new ArrayList<>();
        for (Hit h : terms) {
            String term = u.substring(h.start(), h.end());
            for (Description d : descriptions) {
                if (unitFits(d, t)
                        && anyMatches(d.action(), term)
                        && lastHit(d.subject(), u, sStart, terms.get(0).start()) != null
                        && found.stream().noneMatch(f -> f.indicator().equals(d.indicator()))) {
                    found.add(d);
                    break;
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        return new Match(found.get(0), null, List.copyOf(found.subList(1, found.size())));
    }

    /** Deals the numbers after 分别 out to the actions, else the subjects, listed before it, in order. */
    private Match distribute(
            String u, int sStart, int cStart, int cEnd, int fen, NumberToken t, List<NumberToken> tokens) {
        List<NumberToken> listed = new ArrayList<>();
        for (NumberToken o : tokens) {
            if (o.start() > fen && o.end() <= cEnd && o.unit() != null) {
                listed.add(o);
            }
        }
        int idx = listed.indexOf(t);
        if (idx < 0 || listed.size() < 2) {
            return new Match(null, "list_mismatch");
        }
        for (boolean byAction : new boolean[] {true, false}) {
            List<Hit> terms = new ArrayList<>();
            for (Description d : descriptions) {
                terms.addAll(allHits(byAction ? d.action() : d.subject(), u, cStart, fen));
            }
            terms = mergeLongest(terms);
            if (terms.size() != listed.size() || !separatedAsList(u, terms, fen)) {
                continue;
            }
            String term = u.substring(terms.get(idx).start(), terms.get(idx).end());
            Description best = null;
            int bestDist = Integer.MAX_VALUE;
            for (Description d : descriptions) {
                if (!unitFits(d, t) || !anyMatches(byAction ? d.action() : d.subject(), term)) {
                    continue;
                }
                // The other half of the description must stand in the sentence before the list.
                Hit other = lastHit(byAction ? d.subject() : d.action(), u, sStart, fen);
                if (other == null) {
                    continue;
                }
                int dist = fen - other.end();
                if (d.exclude() != null && find(d.exclude(), u, Math.min(other.start(), cStart), cEnd)) {
                    continue;
                }
                if (dist < bestDist) {
                    best = d;
                    bestDist = dist;
                }
            }
            return best == null ? new Match(null, "list_mismatch") : new Match(best, null);
        }
        return new Match(null, "list_mismatch");
    }

    /**
     * True when only a list separator (、和及与以及, optionally with the level 省市县区 of the next item, as in
     * 省人大代表建议和省政协提案) stands between consecutive terms, and the last term stands
     * close before 分别: the terms are the list itself, not words that happen to precede it.
     */
    private static boolean separatedAsList(String u, List<Hit> terms, int fen) {
        for (int i = 1; i < terms.size(); i++) {
            String gap = u.substring(terms.get(i - 1).end(), terms.get(i).start());
            if (!LIST_SEPARATOR.matcher(gap).matches()) {
                return false;
            }
        }
        return fen - terms.get(terms.size() - 1).end() <= LIST_TAIL;
    }

    // An item may carry a short qualifier after the separator: 办结率、回访满意率; 人大代表建议和省政协提案.
    private static final Pattern LIST_SEPARATOR = Pattern.compile("([、和及与,]|以及)[^,;:。0-9、]{0,3}");
    /** Characters allowed between the last listed term and 分别 (办结行政复议案件分别为). */
    private static final int LIST_TAIL = 8;

    private static boolean unclosedBracket(String u, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            char c = u.charAt(i);
            if (c == '(' || c == '（') {
                depth++;
            } else if ((c == ')' || c == '）') && depth > 0) {
                depth--;
            }
        }
        return depth > 0;
    }

    private static boolean unitFits(Description d, NumberToken t) {
        if (d.rate()) {
            return t.unit() == null || t.unit().equals("%");
        }
        return t.unit() != null && d.units().contains(t.unit());
    }

    private static boolean find(Pattern p, String u, int from, int to) {
        if (from >= to) {
            return false;
        }
        Matcher m = p.matcher(u);
        m.region(from, to);
        return m.find();
    }

    private static boolean anyMatches(List<Pattern> ps, String term) {
        for (Pattern p : ps) {
            if (p.matcher(term).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The hit ending last in [from, to) (the longer on a tie), or null. */
    private static Hit lastHit(List<Pattern> ps, String u, int from, int to) {
        Hit best = null;
        for (Hit h : allHits(ps, u, from, to)) {
            if (best == null || h.end() > best.end() || (h.end() == best.end() && h.start() < best.start())) {
                best = h;
            }
        }
        return best;
    }

    /** The hit starting first in [from, to), or null. */
    private static Hit firstHit(List<Pattern> ps, String u, int from, int to) {
        Hit best = null;
        for (Hit h : allHits(ps, u, from, to)) {
            if (best == null || h.start() < best.start()) {
                best = h;
            }
        }
        return best;
    }

    private static List<Hit> allHits(List<Pattern> ps, String u, int from, int to) {
        List<Hit> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        for (Pattern p : ps) {
            Matcher m = p.matcher(u);
            m.region(from, to);
            while (m.find()) {
                if (m.end() > m.start()) {
                    out.add(new Hit(m.start(), m.end()));
                }
            }
        }
        return out;
    }

    /** Overlapping hits merged to the longest, in text order. */
    private static List<Hit> mergeLongest(List<Hit> hits) {
        List<Hit> sorted = new ArrayList<>(hits);
        sorted.sort((a, b) -> a.start() != b.start() ? a.start() - b.start() : b.end() - a.end());
        List<Hit> out = new ArrayList<>();
        for (Hit h : sorted) {
            if (!out.isEmpty() && h.start() < out.get(out.size() - 1).end()) {
                continue;
            }
            out.add(h);
        }
        return out;
    }
}
