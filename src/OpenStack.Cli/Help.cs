using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace OpenStack.Cli;

/// <summary>
/// <c>--help</c> as cliff and argparse show it: the usage line with the command's own options and arguments, the
/// description, the positional arguments, the command's own options; the global options once, in the tool's own help
/// (<c>watcher --help</c>, <c>watcher help</c>), never repeated per command. Wrapped as argparse wraps: to
/// <c>$COLUMNS</c>, else the terminal's width, else 80 columns (two less, as argparse leaves).
/// </summary>
internal sealed class CliffHelp(CliContext context) : SynchronousCommandLineAction
{
    private const int Indent = 2;

    /// <summary>Replaces the action of every help option of <paramref name="command"/> and its parents.</summary>
    public static void Install(Command command, CliContext context)
    {
        foreach (var help in command.Options.OfType<HelpOption>())
        {
            help.Action = new CliffHelp(context);
        }
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        context.Stdout.Write(Render(command, Usage.CommandPath(parseResult), Width(context)));
        return 0;
    }

    /// <summary>argparse's width: <c>$COLUMNS</c>, else the terminal's, else 80; minus 2.</summary>
    public static int Width(CliContext context) =>
        (int.TryParse(context.Env("COLUMNS"), out var columns) && columns > 0 ? columns : context.TerminalWidth ?? 80) - 2;

    /// <summary>The help of <paramref name="command"/>, typed as <paramref name="path"/>, for lines of <paramref name="width"/> characters.</summary>
    public static string Render(Command command, string path, int width)
    {
        var isTool = command.Parents.OfType<Command>().All(p => p is RootCommand);
        var options = command.Options
            .Where(o => !o.Hidden && o is not HelpOption && (isTool || !o.Recursive))
            .ToList();
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var isGroup = command.Subcommands.Count > 0;
        var sb = new StringBuilder();

        // usage: watcher actionplan start [-h] [-f {json,...}] ... <action-plan>
        var parts = new List<string> { "[-h]" };
        parts.AddRange(options.Select(o => "[" + Invocation(o, UsageName(o)) + "]"));
        parts.AddRange(arguments.Select(ArgumentUsage));
        if (isGroup)
        {
            parts.Add("<command> ...");
        }
        sb.Append(Wrap($"usage: {path} ", parts, width)).Append('\n');
        if (!string.IsNullOrEmpty(command.Description))
        {
            sb.Append('\n').Append(TextWrap.Fill(command.Description, width)).Append('\n');
        }
        var entries = new List<(string Invocation, string Help)>();
        var argumentEntries = arguments.Select(a => ($"<{a.Name}>", a.Description ?? "")).ToList();
        var optionEntries = new List<(string, string)> { ("-h, --help", "Show this help message and exit.") };
        // Every name, then the value's name once: -f, --format {json,shell,table,value,yaml}.
        optionEntries.AddRange(options.Select(o => (Invocation(o, string.Join(", ", Names(o))), o.Description ?? "")));
        entries.AddRange(argumentEntries);
        entries.AddRange(optionEntries);
        var helpPosition = Math.Min(entries.Max(e => e.Invocation.Length) + Indent + 2, Math.Min(24, Math.Max(width - 20, 2 * Indent)));
        if (argumentEntries.Count > 0)
        {
            sb.Append("\npositional arguments:\n");
            Section(sb, argumentEntries, helpPosition, width);
        }
        sb.Append("\noptions:\n");
        Section(sb, optionEntries, helpPosition, width);
        if (isGroup)
        {
            // cliff's command list: each command below this one, with its description's first sentence.
            var leaves = Usage.Leaves(command).Where(l => l.Command.Subcommands.Count == 0).ToList();
            var prefix = isTool ? "" : path[(path.IndexOf(' ', StringComparison.Ordinal) + 1)..] + " ";
            var names = leaves.Select(l => prefix + l.Path).ToList();
            var column = names.Max(n => n.Length) + Indent + 2;
            sb.Append("\nCommands:\n");
            for (var i = 0; i < leaves.Count; i++)
            {
                var text = TextWrap.Fill(leaves[i].Command.Description ?? "", Math.Max(width - column, 11)).Split('\n');
                sb.Append("  ").Append(names[i].PadRight(column - Indent)).Append(text[0]).Append('\n');
                foreach (var more in text.Skip(1))
                {
                    sb.Append(' ', column).Append(more).Append('\n');
                }
            }
        }
        if (!isTool)
        {
            var tool = path.Split(' ')[0];
            sb.Append('\n').Append(TextWrap.Fill($"Global options (authentication, endpoint, --debug, ...): see '{tool} --help'.", width)).Append('\n');
        }
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, List<(string Invocation, string Help)> entries, int helpPosition, int width)
    {
        var helpWidth = Math.Max(width - helpPosition, 11);
        var actionWidth = helpPosition - Indent - 2;
        foreach (var (invocation, help) in entries)
        {
            var lines = help.Length == 0 ? [] : TextWrap.Fill(help, helpWidth).Split('\n');
            sb.Append(' ', Indent);
            if (invocation.Length <= actionWidth)
            {
                sb.Append(invocation.PadRight(actionWidth)).Append("  ");
            }
            else
            {
                sb.Append(invocation);
                if (lines.Length > 0)
                {
                    sb.Append('\n').Append(' ', helpPosition);
                }
            }
            if (lines.Length == 0)
            {
                sb.Length = sb.ToString().TrimEnd(' ').Length;
                sb.Append('\n');
                continue;
            }
            sb.Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                sb.Append(' ', helpPosition).Append(line).Append('\n');
            }
        }
    }

    // argparse's usage wrapping: the parts filled into lines after the prefix, continued lines indented under it.
    private static string Wrap(string prefix, List<string> parts, int width)
    {
        var indent = prefix.Length > width * 3 / 4 ? 4 : prefix.Length;
        var sb = new StringBuilder(prefix);
        var lineLength = prefix.Length;
        var first = true;
        foreach (var part in parts)
        {
            if (!first && lineLength + 1 + part.Length > width)
            {
                sb.Append('\n').Append(' ', indent);
                lineLength = indent;
                first = true;
            }
            if (!first)
            {
                sb.Append(' ');
                lineLength++;
            }
            sb.Append(part);
            lineLength += part.Length;
            first = false;
        }
        return sb.ToString();
    }

    private static string ArgumentUsage(Argument argument) => argument.Arity.MaximumNumberOfValues > 1
        ? argument.Arity.MinimumNumberOfValues > 0 ? $"<{argument.Name}> [<{argument.Name}> ...]" : $"[<{argument.Name}> ...]"
        : argument.Arity.MinimumNumberOfValues > 0 ? $"<{argument.Name}>" : $"[<{argument.Name}>]";

    // Short names first (-f, then --format), as argparse lists them.
    private static IEnumerable<string> Names(Option option) =>
        new[] { option.Name }.Concat(option.Aliases).Distinct().OrderBy(n => n.StartsWith("--", StringComparison.Ordinal) ? 1 : 0);

    private static string UsageName(Option option) => Names(option).First();

    private static string Invocation(Option option, string name)
    {
        if (option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool))
        {
            return name;
        }
        var choices = option.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label).ToList();
        var metavar = option.HelpName is { Length: > 0 } helpName ? $"<{helpName}>"
            : choices.Count > 0 && (Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType) == typeof(string) ? "{" + string.Join(',', choices) + "}"
            : option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
        return $"{name} {metavar}";
    }
}
