package dev.azevents.ocf;

import dev.azevents.engine.Strategy;

/**
 * The manual page {@code ocf_azevents_<agent>(7)} of each agent, in roff, from the same parameter
 * and action lists as {@code meta-data} ({@link ParameterSpec#ALL}, {@link MetaData#ACTIONS}), so
 * the page cannot fall behind the agent. Written at package time, never on an action's path.
 */
public final class AgentManPage {

    private AgentManPage() {
    }

    /** {@code ocf_azevents_azure-events} or {@code ocf_azevents_azure-events-az}. */
    public static String name(Strategy strategy) {
        return "ocf_azevents_" + strategy.attributePrefix();
    }

    public static String page(Strategy strategy, String version) {
        String agent = strategy.attributePrefix();
        StringBuilder out = new StringBuilder();
        out.append(".TH ").append(Roff.text(name(strategy).toUpperCase(java.util.Locale.ROOT)))
                .append(" 7 \"\" \"azevents ").append(Roff.text(version))
                .append("\" \"OCF resource agents\"\n");
        out.append(".SH NAME\n").append(Roff.text(name(strategy))).append(" \\- ")
                .append(Roff.text(MetaData.shortDesc(strategy))).append('\n');
        out.append(".SH SYNOPSIS\n").append(Roff.text("/usr/lib/ocf/resource.d/azevents/"
                + agent)).append(" start|stop|monitor|validate-all|meta-data|usage\n");
        out.append(".SH DESCRIPTION\n");
        for (String paragraph : MetaData.longDesc(strategy).split("\n")) {
            out.append(".PP\n").append(Roff.text(paragraph)).append('\n');
        }
        out.append(".SH SUPPORTED PARAMETERS\n");
        for (ParameterSpec p : ParameterSpec.ALL) {
            out.append(".TP\n\\fB").append(Roff.text(p.name())).append("\\fR (")
                    .append(Roff.text(p.type())).append(", default \\fI")
                    .append(Roff.text(p.value())).append("\\fR)\n")
                    .append(Roff.text(p.shortDesc())).append(". ")
                    .append(Roff.text(p.longDesc())).append('\n');
        }
        out.append(".SH SUPPORTED ACTIONS\n.nf\n");
        for (MetaData.ActionSpec a : MetaData.ACTIONS) {
            out.append(Roff.text(a.name() + " timeout=" + a.timeout()
                    + (a.interval() == null ? "" : " interval=" + a.interval()))).append('\n');
        }
        out.append(".fi\n");
        out.append(".SH SEE ALSO\n\\fBazevents\\fR(8), \\fBcrm_resource\\fR(8),"
                + " \\fBocf_heartbeat_").append(Roff.text(agent)).append("\\fR(7)\n");
        return out.toString();
    }
}
