package dev.azevents.engine;

/** Who runs this pass: the Pacemaker node name and the Azure VM name ({@code compute.name}). */
public record NodeIdentity(String nodeName, String azName) {

    /**
     * The longest VM name accepted. Azure allows 64 characters for a Linux VM or scale set
     * name; a scale-set instance is named {@code <scale set>_<instance id>} (Flexible: an
     * 8-character id, so up to 73; Uniform: a decimal id), which is what Azure puts in an event's
     * {@code Resources}. 128 leaves room for those with a margin, and is still a bounded name.
     */
    public static final int MAX_VM_NAME = 128;

    /**
     * A VM name the agent records: the characters Azure allows in one (letters, digits, '_',
     * '.', '-'), which need no quoting in a CIB attribute name or id ({@code hostName_<vm>}), in
     * XML, or in a shell; anything else is refused before it reaches the CIB. A loop, not a
     * regular expression: every monitor pass checks the cached name, and compiling the pattern
     * costs more than the whole check (issue 13).
     */
    public static boolean isVmName(String name) {
        if (name.isEmpty() || name.length() > MAX_VM_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
