using System.CommandLine;
using Newtonsoft.Json.Linq;

namespace OpenStack.Cli.Output;

/// <summary>
/// cliff's output options of one command: <c>-f/--format</c>, <c>-c/--column</c>, and each formatter's own
/// (<c>--noindent</c>, <c>--max-width</c>, <c>--fit-width</c>, <c>--print-empty</c>; Lister: <c>--quote</c>,
/// <c>--sort-column</c>, <c>--sort-ascending/--sort-descending</c>; ShowOne: <c>-f shell</c> with <c>--prefix</c> and
/// <c>--variable</c>).
/// </summary>
internal sealed class FormatOptions
{
    private readonly Option<string> _format;
    private readonly Option<string[]> _columns;
    private readonly Option<bool> _noIndent = new("--noindent") { Description = "Whether to disable indenting the JSON." };
    private readonly Option<int?> _maxWidth = new("--max-width") { Description = "Maximum display width, <1 to disable. You can also use the CLIFF_MAX_TERM_WIDTH environment variable, but the parameter takes precedence." };
    private readonly Option<bool> _fitWidth = new("--fit-width") { Description = "Fit the table to the display width. Implied if --max-width greater than 0. Set the environment variable CLIFF_FIT_WIDTH=1 to always enable." };
    private readonly Option<bool> _printEmpty = new("--print-empty") { Description = "Print empty table if there is no data to show." };
    private readonly Option<string> _quote = new("--quote") { Description = "When to include quotes (csv): all, minimal, none or nonnumeric (default).", DefaultValueFactory = _ => "nonnumeric" };
    private readonly Option<string[]> _sortColumns = new("--sort-column") { Description = "Column(s) to sort the data by (those named first have priority, unknown ones are ignored); repeatable." };
    private readonly Option<bool> _ascending = new("--sort-ascending") { Description = "Sort the column(s) in ascending order." };
    private readonly Option<bool> _descending = new("--sort-descending") { Description = "Sort the column(s) in descending order." };
    private readonly Option<string> _prefix = new("--prefix") { Description = "Add a prefix to all variable names (shell format).", DefaultValueFactory = _ => "" };
    private readonly Option<string[]> _variables = new("--variable") { Description = "Variable to include in the shell output (repeatable); all by default." };
    private readonly bool _lister;

    private FormatOptions(Command command, bool lister)
    {
        _lister = lister;
        string[] formats = lister ? ["csv", "json", "table", "value", "yaml"] : ["json", "shell", "table", "value", "yaml"];
        _format = new Option<string>("--format", "-f") { Description = $"The output format: {string.Join(", ", formats)} (default: table).", DefaultValueFactory = _ => "table" };
        _format.AcceptOnlyFromAmong(formats);
        _columns = new Option<string[]>("--column", "-c") { Description = "Specify the column(s) to include, can be repeated to show multiple columns (shown in the command's order)." };
        _quote.AcceptOnlyFromAmong("all", "minimal", "none", "nonnumeric");
        command.Options.Add(_format);
        command.Options.Add(_columns);
        if (lister)
        {
            command.Options.Add(_quote);
        }
        command.Options.Add(_noIndent);
        if (!lister)
        {
            command.Options.Add(_prefix);
            command.Options.Add(_variables);
        }
        command.Options.Add(_maxWidth);
        command.Options.Add(_fitWidth);
        command.Options.Add(_printEmpty);
        if (lister)
        {
            command.Options.Add(_sortColumns);
            command.Options.Add(_ascending);
            command.Options.Add(_descending);
            command.Validators.Add(r =>
            {
                if (r.GetValue(_ascending) && r.GetValue(_descending))
                {
                    r.AddError("argument --sort-descending: not allowed with argument --sort-ascending.");
                }
            });
        }
    }

    /// <summary>Adds a Lister's options (formats csv, json, table, value, yaml) to <paramref name="command"/>.</summary>
    public static FormatOptions Add(Command command) => new(command, lister: true);

    /// <summary>Adds a ShowOne's options (formats json, shell, table, value, yaml) to <paramref name="command"/>.</summary>
    public static FormatOptions AddShowOne(Command command) => new(command, lister: false);

    /// <summary>The settings of one run; the environment supplies cliff's defaults (CLIFF_MAX_TERM_WIDTH, CLIFF_FIT_WIDTH).</summary>
    public OutputSettings Get(ParseResult parse, CliContext context) => new()
    {
        Format = parse.GetValue(_format) switch
        {
            "json" => OutputFormat.Json,
            "value" => OutputFormat.Value,
            "yaml" => OutputFormat.Yaml,
            "csv" => OutputFormat.Csv,
            "shell" => OutputFormat.Shell,
            _ => OutputFormat.Table,
        },
        Columns = parse.GetValue(_columns) ?? [],
        NoIndent = parse.GetValue(_noIndent),
        MaxWidth = parse.GetValue(_maxWidth) ?? (int.TryParse(context.Env("CLIFF_MAX_TERM_WIDTH"), out var w) ? w : 0),
        FitWidth = parse.GetValue(_fitWidth) || (int.TryParse(context.Env("CLIFF_FIT_WIDTH"), out var fit) && fit != 0),
        PrintEmpty = parse.GetValue(_printEmpty),
        Quote = _lister ? parse.GetValue(_quote) ?? "nonnumeric" : "nonnumeric",
        SortColumns = _lister ? parse.GetValue(_sortColumns) ?? [] : [],
        SortDescending = _lister && parse.GetValue(_descending),
        Prefix = _lister ? "" : parse.GetValue(_prefix) ?? "",
        Variables = _lister ? [] : parse.GetValue(_variables) ?? [],
        TerminalWidth = context.TerminalWidth,
    };

    public void WriteList(CliContext context, ParseResult parse, IReadOnlyList<Column> columns, IEnumerable<JObject> items) =>
        Formatter.WriteList(context.Stdout, Get(parse, context), context.DateStyle, Formatter.Select(columns, parse.GetValue(_columns)), items);

    public void WriteOne(CliContext context, ParseResult parse, IReadOnlyList<Column> columns, JObject item) =>
        Formatter.WriteOne(context.Stdout, Get(parse, context), context.DateStyle, Formatter.Select(columns, parse.GetValue(_columns)), item);
}
