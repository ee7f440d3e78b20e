package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.ShellRuntime.Cursor;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Fds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One process of the guest shell: its variables, functions, options, positional parameters and jobs. */
final class ShellProcess {
    private final Set<String> declared;
    final String name;
    final List<String> texts = new ArrayList<>();
    Map<String, ShellWords.Var> vars;
    Map<String, ShellNode> functions = new HashMap<>();
    Set<String> unsetNames = new HashSet<>();
    List<String> args;
    boolean nounset;
    boolean errexit;
    boolean allexport;
    boolean pipefail;
    /** The command of trap '...' EXIT, if any. */
    String exitTrap;
    int status;
    List<Cursor> jobs = new ArrayList<>();
    Fds fds;

    ShellProcess(Set<String> declared, String name, String text, Map<String, ShellWords.Var> env, List<String> args,
                 Fds fds) {
        this.declared = declared;
        this.name = name;
        this.texts.add(text);
        this.vars = new LinkedHashMap<>(env);
        this.args = new ArrayList<>(args);
        this.fds = fds;
    }

    /** A subshell: a copy whose changes do not come back. */
    ShellProcess subshell() {
        ShellProcess p = new ShellProcess(declared, name, "", vars, args, fds.copy());
        p.texts.clear();
        p.texts.addAll(texts);
        p.functions = new HashMap<>(functions);
        p.unsetNames = new HashSet<>(unsetNames);
        p.nounset = nounset;
        p.errexit = errexit;
        p.allexport = allexport;
        p.pipefail = pipefail;
        p.status = status;
        return p;
    }

    void assign(String name, String value, boolean certain) {
        ShellWords.Var old = vars.get(name);
        vars.put(name, new ShellWords.Var(value, certain, allexport || old != null && old.exported()));
        unsetNames.remove(name);
    }

    void export(String name) {
        ShellWords.Var old = vars.get(name);
        if (old != null) {
            vars.put(name, new ShellWords.Var(old.value(), old.certain(), true));
        }
    }

    /** The environment a child process inherits: the exported variables. */
    Map<String, ShellWords.Var> exported() {
        Map<String, ShellWords.Var> env = new LinkedHashMap<>();
        vars.forEach((k, v) -> {
            if (v.exported()) {
                env.put(k, v);
            }
        });
        return env;
    }

    /** A run command parameter that was not delivered and that this script never assigns, or one it unset. */
    boolean knownUnset(String name) {
        return unsetNames.contains(name) || declared.contains(name) && !assignedAnywhere(name);
    }

    private boolean assignedAnywhere(String name) {
        String n = Pattern.quote(name);
        Pattern assigned = Pattern.compile("(^|[^A-Za-z0-9_])" + n + "\\+?=|\\b(read|local|declare|typeset"
                + "|readonly|export|mapfile|readarray)\\b[^\\n;&|]*\\s" + n + "\\b|\\bfor\\s+" + n + "\\s"
                + "|\\$\\{" + n + ":?=|printf\\s+-v\\s+" + n + "\\b|getopts\\s+\\S+\\s+" + n + "\\b");
        return texts.stream().anyMatch(t -> assigned.matcher(t).find());
    }
}
