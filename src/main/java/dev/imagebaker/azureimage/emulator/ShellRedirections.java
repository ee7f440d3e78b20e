package dev.imagebaker.azureimage.emulator;

import dev.imagebaker.azureimage.emulator.ShellRuntime.Ctx;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Fds;
import dev.imagebaker.azureimage.emulator.ShellRuntime.Sink;
import java.util.List;

/** Redirections and output of the guest shell: where fds 1 and 2 and stdin point, and what writing does there. */
final class ShellRedirections {
    private final GuestShell shell;

    ShellRedirections(GuestShell shell) {
        this.shell = shell;
    }

    record Redirected(Fds fds, String stdin) {
    }

    Redirected redirect(List<ShellNode.Redirect> redirects, ShellProcess p, Ctx ctx) {
        Fds fds = redirects.isEmpty() ? ctx.fds() : ctx.fds().copy();
        String stdin = ctx.stdin();
        for (ShellNode.Redirect r : redirects) {
            String op = r.op();
            int digits = 0;
            while (digits < op.length() && Character.isDigit(op.charAt(digits))) {
                digits++;
            }
            int fd = digits == 0 ? (op.contains("<") ? 0 : 1) : Integer.parseInt(op.substring(0, digits));
            String kind = op.substring(digits);
            if (kind.equals("<<") || kind.equals("<<-")) {
                stdin = r.quotedHeredoc() ? r.heredoc()
                        : ShellWords.heredoc(r.heredoc(), r.target().line(), shell.scope(p, ctx)).fields().get(0);
                continue;
            }
            String target = shell.single(r.target(), p, ctx).fields().stream().findFirst().orElse("");
            switch (kind) {
                case "<<<" -> stdin = target + "\n";
                case "<" -> {
                    GuestShell.GuestFile file = shell.files.get(target);
                    stdin = file == null ? null : file.text();
                }
                case ">&", "<&" -> {
                    Sink dup = target.equals("1") ? fds.out : target.equals("2") ? fds.err : sinkFor(target, false);
                    if (fd == 2) {
                        fds.err = dup;
                    } else if (fd == 1) {
                        fds.out = dup;
                    }
                }
                case "&>", "&>>" -> {
                    fds.out = sinkFor(target, kind.equals("&>>"));
                    fds.err = fds.out;
                }
                case ">", ">|", ">>" -> {
                    Sink sink = sinkFor(target, kind.equals(">>"));
                    if (fd == 2) {
                        fds.err = sink;
                    } else if (fd == 1) {
                        fds.out = sink;
                    }
                    if (sink instanceof Sink.ToFile f && !f.append()) {
                        shell.files.put(f.path(), new GuestShell.GuestFile("", ctx.certain()));
                    }
                }
                default -> {
                }
            }
        }
        return new Redirected(fds, stdin);
    }

    private static Sink sinkFor(String target, boolean append) {
        return switch (target) {
            case "/dev/null", "-" -> Sink.NULL;
            case "/dev/stdout" -> Sink.OUT;
            case "/dev/stderr" -> Sink.ERR;
            default -> new Sink.ToFile(target, append);
        };
    }

    /** Writes what a command prints to where its fd points. */
    void write(Ctx ctx, Sink sink, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (sink instanceof Sink.Terminal t) {
            if (ctx.certain()) {
                shell.run.write(ctx.cursor().now, t.stream(), text, ctx.job());
            }
        } else if (sink instanceof Sink.ToFile f) {
            GuestShell.GuestFile old = shell.files.get(f.path());
            String content = (old == null ? "" : old.text()) + text;
            shell.files.put(f.path(), new GuestShell.GuestFile(content, ctx.certain() && (old == null || old.certain())));
        } else if (sink instanceof Sink.Capture c) {
            c.text().append(text);
        }
    }
}
