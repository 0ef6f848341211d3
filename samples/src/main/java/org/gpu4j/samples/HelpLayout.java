package org.gpu4j.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Usage help wrapped at spaces only. Picocli wraps with {@link java.text.BreakIterator#getLineInstance()}, which
 * breaks inside {@code .cl/.cu}, {@code a[i]} and {@code cuda:1} (after a dot or a colon, before a bracket); here each
 * section is rendered by picocli on one line per row (a very wide usage width) and then wrapped at the usual width
 * between words, so a token is never split. A word longer than the line is left whole.
 */
final class HelpLayout {
    /** The width picocli renders at: wide enough that it wraps nothing. */
    static final int UNWRAPPED = 100_000;

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    /** A table row: the names, a gap of two spaces or more, the description. */
    private static final Pattern ROW = Pattern.compile("^(\\s*\\S.*?\\s{2,})(\\S.*)$");

    private HelpLayout() {}

    private enum Kind { PARAGRAPHS, TABLE, SYNOPSIS }

    /** Installs the space-only wrapping in {@code cl} and all its subcommands. */
    static CommandLine install(CommandLine cl) {
        Map<String, IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        wrap(sections, UsageMessageSpec.SECTION_KEY_HEADER, Kind.PARAGRAPHS);
        wrap(sections, UsageMessageSpec.SECTION_KEY_SYNOPSIS, Kind.SYNOPSIS);
        wrap(sections, UsageMessageSpec.SECTION_KEY_DESCRIPTION, Kind.PARAGRAPHS);
        wrap(sections, UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, Kind.TABLE);
        wrap(sections, UsageMessageSpec.SECTION_KEY_OPTION_LIST, Kind.TABLE);
        wrap(sections, UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Kind.TABLE);
        wrap(sections, UsageMessageSpec.SECTION_KEY_FOOTER, Kind.PARAGRAPHS);
        cl.getCommandSpec().usageMessage().sectionMap(sections);
        for (CommandLine sub : cl.getSubcommands().values()) install(sub);
        return cl;
    }

    private static void wrap(Map<String, IHelpSectionRenderer> sections, String key, Kind kind) {
        IHelpSectionRenderer original = sections.get(key);
        if (original == null || original instanceof Wrapped) return;
        sections.put(key, new Wrapped(original, kind));
    }

    private record Wrapped(IHelpSectionRenderer original, Kind kind) implements IHelpSectionRenderer {
        @Override public String render(CommandLine.Help help) {
            UsageMessageSpec usage = help.commandSpec().usageMessage();
            int width = usage.width();
            String text;
            usage.width(UNWRAPPED);
            try {
                text = original.render(help);
            } finally {
                usage.width(width);
            }
            if (kind != Kind.SYNOPSIS) return rewrap(text, width, kind, 0);
            // The synopsis follows its heading ("Usage: ") on the same line: wrap as if the heading were there.
            String heading = " ".repeat(visible(usage.synopsisHeading()));
            String wrapped = rewrap(heading + text, width, kind, (heading + help.commandSpec().qualifiedName() + " ").length());
            return wrapped.substring(heading.length());
        }
    }

    static String rewrap(String text, int width, Kind kind, int synopsisIndent) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) out.append('\n');
            String line = lines[i].stripTrailing();
            if (visible(line) <= width) { out.append(line); continue; }
            String head;
            String body;
            int indent;
            Matcher row = ROW.matcher(line);
            if (kind == Kind.TABLE && row.matches()) {
                head = row.group(1);
                body = row.group(2);
                indent = visible(head) + 2;
            } else {
                int lead = line.length() - line.stripLeading().length();
                head = line.substring(0, lead);
                body = line.substring(lead);
                indent = kind == Kind.SYNOPSIS ? synopsisIndent : lead;
            }
            out.append(fill(head, body, width, indent));
        }
        return out.toString();
    }

    /** {@code head} then the words of {@code body}, a new line (indented by {@code indent}) when one would not fit. */
    private static String fill(String head, String body, int width, int indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(head);
        int length = visible(head);
        boolean first = true;
        for (String word : body.trim().split(" +")) {
            int w = visible(word);
            if (!first && length + 1 + w > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(indent));
                length = indent;
                first = true;
            }
            if (!first) { line.append(' '); length++; }
            line.append(word);
            length += w;
            first = false;
        }
        lines.add(line.toString());
        return String.join("\n", lines);
    }

    private static int visible(String s) {
        return ANSI.matcher(s).replaceAll("").length();
    }
}
