package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import dev.azevents.ocf.AgentManPage;
import dev.azevents.ocf.Roff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes the packages' manual pages: {@code azevents(8)} from the picocli help of every
 * subcommand (the one list in {@link Main}), and {@code ocf_azevents_<agent>(7)} from the
 * meta-data's lists. Run by the {@code packages} Maven profile: {@code ManPages <dir> <version>}.
 */
public final class ManPages {

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ManPages <output directory> <version>");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        write(dir.resolve("azevents.8"), command(args[1]));
        for (Strategy s : Strategy.values()) {
            write(dir.resolve(AgentManPage.name(s) + ".7"), AgentManPage.page(s, args[1]));
        }
    }

    /** azevents(8): a synopsis, then each subcommand's own help, verbatim. */
    static String command(String version) {
        CommandLine top = new CommandLine(new Main());
        StringBuilder out = new StringBuilder();
        out.append(".TH AZEVENTS 8 \"\" \"azevents ").append(Roff.text(version))
                .append("\" \"System Administration\"\n");
        out.append(".SH NAME\nazevents \\- ")
                .append(Roff.text(top.getCommandSpec().usageMessage().description()[0]))
                .append('\n');
        out.append(".SH SYNOPSIS\n\\fBazevents\\fR \\fIcommand\\fR [\\fIoptions\\fR]\n");
        out.append(".SH DESCRIPTION\n.PP\n").append(Roff.text("The administrator's command of"
                + " the azevents OCF resource agents ocf:azevents:azure-events and"
                + " ocf:azevents:azure-events-az. The agents themselves are described in"
                + " ocf_azevents_azure-events(7) and ocf_azevents_azure-events-az(7)."))
                .append('\n');
        out.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> sub : top.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            out.append(".SS ").append(Roff.text(sub.getKey())).append("\n.nf\n")
                    .append(Roff.text(sub.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF)
                            .stripTrailing()))
                    .append("\n.fi\n");
        }
        out.append(".SH FILES\n.TP\n/usr/lib/azevents/azevents.jar\nThe program.\n")
                .append(".TP\n/usr/lib/azevents/azevents.jsa\n").append(Roff.text("The"
                + " class-data sharing archive, built on the node when the package is installed"
                + " or its Java runtime changes; ignored when it does not match.")).append('\n')
                .append(".TP\n/usr/lib/ocf/resource.d/azevents/\nThe two OCF agents.\n");
        out.append(".SH SEE ALSO\n\\fBocf_azevents_azure-events\\fR(7),"
                + " \\fBocf_azevents_azure-events-az\\fR(7), \\fBcrm\\fR(8), \\fBpcs\\fR(8)\n");
        return out.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
