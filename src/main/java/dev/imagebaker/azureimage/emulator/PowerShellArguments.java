package dev.imagebaker.azureimage.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Windows run command handler passes parameters, and what PowerShell makes of them. The handler runs
 * {@code script.ps1 -name value -name2 value2 ...} (MicrosoftDocs/azure-compute-docs articles/virtual-machines/
 * windows/run-command-managed.md), values unquoted: spaces split a value (azure-powershell#7269, azure-cli#25042)
 * and PowerShell's parser sees any {@code &} in it. Then PowerShell binds the tokens to the script's param()
 * block: -Name takes the next token; a script with [CmdletBinding()] or a [Parameter()] attribute (an advanced
 * script) refuses unknown names and left-over arguments, a simple one puts them in $args
 * (about_Functions_CmdletBindingAttribute: "unknown parameters and positional arguments that have no matching
 * positional parameters cause parameter binding to fail").
 */
final class PowerShellArguments {
    static final String AMPERSAND = "The ampersand (&) character is not allowed. The & operator is reserved for"
            + " future use; wrap an ampersand in double quotation marks (\"&\") to pass it as part of a string.";
    private static final Pattern DECLARATION = Pattern.compile(
            "((?:\\[[^\\]]*(?:\\([^)]*\\))?[^\\]]*\\]\\s*)*)\\$([A-Za-z_][A-Za-z0-9_]*)\\s*(=\\s*(.+))?", Pattern.DOTALL);
    private static final Pattern POSITION = Pattern.compile("(?i)Position\\s*=\\s*(\\d+)");

    /** One declared parameter. */
    record Param(String name, String type, Integer position, String defaultValue) {
    }

    /** The outcome: bound values (by lower-cased name), $args, or the error PowerShell reports (exit 1). */
    record Binding(Map<String, String> values, List<String> extra, String error, String errorId) {
    }

    private PowerShellArguments() {
    }

    /** The command line the handler builds: "-name value" for named parameters, the value for unnamed ones. */
    static String commandLine(List<Map.Entry<String, String>> parameters) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters) {
            parts.add(p.getKey().isEmpty() ? p.getValue() : "-" + p.getKey() + " " + p.getValue());
        }
        return String.join(" ", parts).trim();
    }

    /**
     * Tokenizes the command line as PowerShell's parser does for command arguments: whitespace splits, quotes
     * group and are removed, an unquoted & is a parse error (its text is returned as the error).
     */
    static List<String> tokens(String line, StringBuilder error) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (token != null) {
                    tokens.add(token.toString());
                    token = null;
                }
            } else if (c == '&') {
                error.append(AMPERSAND);
                return tokens;
            } else if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                end = end < 0 ? line.length() : end;
                token = token == null ? new StringBuilder() : token;
                token.append(line, i + 1, end);
                i = end;
            } else {
                token = token == null ? new StringBuilder() : token;
                token.append(c);
            }
        }
        if (token != null) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** The declared parameters of a param(...) block's text. */
    static List<Param> declarations(String paramBlock) {
        List<Param> params = new ArrayList<>();
        for (String part : PowerShellText.splitTopLevel(paramBlock, c -> c == ',')) {
            Matcher m = DECLARATION.matcher(part.trim());
            if (!m.matches()) {
                continue;
            }
            String attributes = m.group(1);
            Matcher position = POSITION.matcher(attributes);
            String type = "System.Object";
            Matcher typeName = Pattern.compile("\\[([A-Za-z.]+)\\]\\s*$").matcher(attributes.trim());
            if (typeName.find()) {
                type = switch (typeName.group(1).toLowerCase(Locale.ROOT)) {
                    case "string" -> "System.String";
                    case "int", "int32" -> "System.Int32";
                    case "switch" -> "switch";
                    case "bool", "boolean" -> "System.Boolean";
                    default -> typeName.group(1);
                };
            }
            params.add(new Param(m.group(2), type, position.find() ? Integer.valueOf(position.group(1)) : null,
                    m.group(4) == null ? null : m.group(4).trim()));
        }
        return params;
    }


    /** Binds tokens to the declared parameters as PowerShell does for a script. */
    static Binding bind(List<String> tokens, List<Param> params, boolean advanced, boolean positionalBinding) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> extra = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.length() > 1 && t.charAt(0) == '-' && Character.isLetter(t.charAt(1))) {
                String name = t.substring(1);
                String inline = null;
                int colon = name.indexOf(':');
                if (colon >= 0) {
                    inline = name.substring(colon + 1);
                    name = name.substring(0, colon);
                }
                Param p = find(params, name);
                if (p == null) {
                    if (advanced) {
                        return error("A parameter cannot be found that matches parameter name '" + name + "'.",
                                "NamedParameterNotFound");
                    }
                    extra.add(t);
                    continue;
                }
                if (p.type().equals("switch")) {
                    values.put(key(p), inline == null ? "True" : inline);
                } else if (inline != null) {
                    values.put(key(p), inline);
                } else if (i + 1 < tokens.size() && !isParameterName(tokens.get(i + 1))) {
                    values.put(key(p), tokens.get(++i));
                } else {
                    return error("Missing an argument for parameter '" + p.name() + "'. Specify a parameter of type"
                            + " '" + p.type() + "' and try again.", "MissingArgument");
                }
            } else {
                positional.add(t);
            }
        }
        List<Param> slots = positionalBinding ? positionalSlots(params) : List.of();
        int next = 0;
        for (String value : positional) {
            while (next < slots.size() && values.containsKey(key(slots.get(next)))) {
                next++;
            }
            if (next < slots.size()) {
                values.put(key(slots.get(next++)), value);
            } else if (advanced) {
                return error("A positional parameter cannot be found that accepts argument '" + value + "'.",
                        "PositionalParameterNotFound");
            } else {
                extra.add(value);
            }
        }
        return new Binding(values, extra, null, null);
    }

    /** With any Position= given, only those parameters are positional, in that order; otherwise all, in order. */
    private static List<Param> positionalSlots(List<Param> params) {
        List<Param> explicit = params.stream().filter(p -> p.position() != null)
                .sorted(java.util.Comparator.comparing(Param::position)).toList();
        return explicit.isEmpty() ? params.stream().filter(p -> !p.type().equals("switch")).toList() : explicit;
    }

    private static boolean isParameterName(String token) {
        return token.length() > 1 && token.charAt(0) == '-' && Character.isLetter(token.charAt(1));
    }

    private static Param find(List<Param> params, String name) {
        return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    static String key(Param p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    private static Binding error(String message, String id) {
        return new Binding(Map.of(), List.of(), message, id);
    }
}
