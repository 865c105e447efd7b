using System.CommandLine.Parsing;
using System.Text;

namespace OpenStack.Cli;

/// <summary>
/// Usage errors as one line in words (the option, the value and the form expected; never a .NET type name), unknown
/// commands with "did you mean", <c>help &lt;command&gt;</c> and cliff's bash completion script.
/// </summary>
internal static class Usage
{
    /// <summary>The path of <paramref name="parse"/>'s command, for example <c>watcher goal list</c>.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var path = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
        {
            if (r is CommandResult c && c.Command is not RootCommand)
            {
                path.Insert(0, c.Command.Name);
            }
        }
        return string.Join(' ', path);
    }

    /// <summary>The one line that says what is wrong with the command line (argparse's and cliff's wording).</summary>
    public static string Describe(ParseResult parse, string tool)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        var path = CommandPath(parse);
        // A group (goal, audit, ...) or the tool itself, followed by a word that is none of its commands.
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            // What was typed after the tool's name: the groups matched and the first word that matched nothing.
            var space = path.IndexOf(' ', StringComparison.Ordinal);
            var words = unmatched.TakeWhile(t => !t.StartsWith('-')).Take(2);
            var typed = string.Join(' ', new[] { space < 0 ? "" : path[(space + 1)..] }.Concat(words).Where(s => s.Length > 0));
            if (unmatched.Count == 0)
            {
                var choices = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                return $"{path}: error: a command is required: one of {choices}. See '{path} --help'.";
            }
            var suggestions = Suggest(Leaves(Tool(command)), typed);
            var hint = suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
            return $"{tool}: error: '{typed}' is not a {tool} command.{hint} See '{tool} --help'.";
        }
        var error = parse.Errors[0];
        var symbolResult = error.SymbolResult is ArgumentResult { Parent: OptionResult owner } ? owner : error.SymbolResult;
        var message = symbolResult switch
        {
            OptionResult o when o.Tokens.Count > 0 && IsConversion(error) =>
                $"argument {o.Option.Name}: invalid value '{o.Tokens[^1].Value}': expected {Expected(o.Option.ValueType, o.Option)}.",
            OptionResult o when o.Tokens.Count == 0 && o.Option.Arity.MinimumNumberOfValues > 0 =>
                $"argument {o.Option.Name}: expected {Expected(o.Option.ValueType, o.Option)} after it.",
            ArgumentResult a when a.Tokens.Count > 0 && IsConversion(error) =>
                $"argument {a.Argument.Name}: invalid value '{a.Tokens[^1].Value}': expected {Expected(a.Argument.ValueType, a.Argument)}.",
            _ when error.Message.StartsWith("Required argument missing", StringComparison.Ordinal) =>
                "the following arguments are required: " + string.Join(", ", command.Arguments
                    .Where(a => a.Arity.MinimumNumberOfValues > 0 && parse.GetResult(a) is not { Tokens.Count: > 0 })
                    .Select(a => $"<{a.Name}>")) + ".",
            _ when unmatched.Count > 0 => $"unrecognized arguments: {string.Join(' ', unmatched)}.",
            _ => Words(error.Message),
        };
        return $"{path}: error: {message} See '{path} --help'.";
    }

    private static bool IsConversion(ParseError error) =>
        error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal)
        || error.Message.Contains("is not a valid", StringComparison.Ordinal)
        || error.Message.Contains("not recognized. Must be one of", StringComparison.Ordinal);

    // System.CommandLine's own messages name values well, except for the type names of a conversion.
    private static string Words(string message)
    {
        var typeName = message.IndexOf(" as expected type", StringComparison.Ordinal);
        return typeName > 0 ? message[..typeName] + "." : message;
    }

    private static string Expected(Type type, Symbol symbol)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            type = type.GetElementType()!;
        }
        var choices = symbol switch
        {
            Option o => o.GetCompletionChoices(),
            Argument a => a.GetCompletionChoices(),
            _ => [],
        };
        if (choices.Count > 0 && type == typeof(string))
        {
            return "one of " + string.Join(", ", choices);
        }
        return type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(Guid) ? "a UUID (for example 736c9587-5f75-4808-af50-8950237e9a6f)"
            : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "a date and time (ISO 8601, for example 2024-01-02T03:04:05)"
            : "a value";
    }

    private static IReadOnlyList<string> GetCompletionChoices(this Symbol symbol) =>
        [.. symbol.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label)];

    private static Command Tool(Command command)
    {
        while (command.Parents.OfType<Command>().FirstOrDefault() is { } parent && parent is not RootCommand)
        {
            command = parent;
        }
        return command;
    }

    /// <summary>Every runnable command below <paramref name="tool"/>, as typed after the tool's name (<c>goal list</c>).</summary>
    public static IEnumerable<(string Path, Command Command)> Leaves(Command tool, string prefix = "")
    {
        foreach (var sub in tool.Subcommands.Where(c => !c.Hidden))
        {
            var path = prefix.Length == 0 ? sub.Name : prefix + " " + sub.Name;
            if (sub.Subcommands.Count == 0)
            {
                yield return (path, sub);
            }
            foreach (var leaf in Leaves(sub, path))
            {
                yield return leaf;
            }
        }
    }

    // The closest commands by edit distance (at most a third of the typed length), else those the typed text starts.
    private static List<string> Suggest(IEnumerable<(string Path, Command Command)> leaves, string typed)
    {
        var scored = leaves.Select(l => (l.Path, Distance: Distance(l.Path, typed))).ToList();
        var best = scored.Count == 0 ? int.MaxValue : scored.Min(s => s.Distance);
        var limit = Math.Max(2, typed.Length / 3);
        var close = best <= limit ? scored.Where(s => s.Distance == best).Select(s => s.Path).ToList() : [];
        return close.Count > 0 ? close : [.. scored.Where(s => s.Path.StartsWith(typed + " ", StringComparison.Ordinal)).Select(s => s.Path).Take(5)];
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>
    /// cliff's <c>complete</c>: a bash function that completes the tool's commands and each command's options
    /// (<c>source &lt;(watcher complete)</c>).
    /// </summary>
    public static string CompletionScript(Command tool, string name)
    {
        var sb = new StringBuilder();
        sb.Append('_').Append(name).Append("()\n{\n  local cur prev words\n  COMPREPLY=()\n  _get_comp_words_by_ref -n : cur prev words\n\n  # Command data:\n");
        void Emit(Command command, string key)
        {
            var words = command.Subcommands.Count > 0
                ? command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).Order(StringComparer.Ordinal)
                : command.Options.Where(o => !o.Hidden && !o.Recursive).SelectMany(o => new[] { o.Name }.Concat(o.Aliases.Order(StringComparer.Ordinal)));
            if (command.Subcommands.Count == 0)
            {
                words = words.Prepend("--help").Prepend("-h");
            }
            sb.Append("  ").Append(key).Append("='").Append(string.Join(' ', words.Distinct())).Append("'\n");
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden).OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                Emit(sub, key + "_" + sub.Name.Replace('-', '_'));
            }
        }
        Emit(tool, "cmds");
        sb.Append("""

              dash=-
              underscore=_
              cmd=""
              words[0]=""
              completed="${cmds}"
              for var in "${words[@]:1}"
              do
                if [[ ${var} == -* ]] ; then
                  break
                fi
                if [ -z "${cmd}" ] ; then
                  proposed="${var}"
                else
                  proposed="${cmd}_${var}"
                fi
                local i="cmds_${proposed}"
                i=${i//$dash/$underscore}
                local comp="${!i}"
                if [ -z "${comp}" ] ; then
                  break
                fi
                if [[ ${comp} == -* ]] ; then
                  if [[ ${cur} != -* ]] ; then
                    completed=""
                    break
                  fi
                fi
                cmd="${proposed}"
                completed="${comp}"
              done

              if [ -z "${completed}" ] ; then
                COMPREPLY=( $( compgen -f -- "$cur" ) $( compgen -d -- "$cur" ) )
              else
                COMPREPLY=( $(compgen -W "${completed}" -- ${cur}) )
              fi
              return 0
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        sb.Append("complete -F _").Append(name).Append(' ').Append(name).Append('\n');
        return sb.ToString();
    }
}
