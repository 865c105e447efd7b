using System.CommandLine;
using Newtonsoft.Json.Linq;

namespace OpenStack.Cli.Output;

/// <summary>cliff's output options of one command: <c>-f/--format</c> and <c>-c/--column</c>.</summary>
internal sealed class FormatOptions
{
    private FormatOptions(Option<string> format, Option<string[]> columns)
    {
        Format = format;
        Columns = columns;
    }

    public Option<string> Format { get; }

    public Option<string[]> Columns { get; }

    /// <summary>Adds <c>-f/--format</c> (table, json, value, yaml, csv; default table) and <c>-c/--column</c> to <paramref name="command"/>.</summary>
    public static FormatOptions Add(Command command)
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format: table (default), json, value, yaml or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "value", "yaml", "csv");
        var columns = new Option<string[]>("--column", "-c") { Description = "Column to show (repeatable); all by default." };
        command.Options.Add(format);
        command.Options.Add(columns);
        return new FormatOptions(format, columns);
    }

    public OutputFormat Get(ParseResult parse) => parse.GetValue(Format) switch
    {
        "json" => OutputFormat.Json,
        "value" => OutputFormat.Value,
        "yaml" => OutputFormat.Yaml,
        "csv" => OutputFormat.Csv,
        _ => OutputFormat.Table,
    };

    public void WriteList(CliContext context, ParseResult parse, IReadOnlyList<Column> columns, IEnumerable<JObject> items) =>
        Formatter.WriteList(context.Stdout, Get(parse), context.DateStyle, Formatter.Select(columns, parse.GetValue(Columns)), items);

    public void WriteOne(CliContext context, ParseResult parse, IReadOnlyList<Column> columns, JObject item) =>
        Formatter.WriteOne(context.Stdout, Get(parse), context.DateStyle, Formatter.Select(columns, parse.GetValue(Columns)), item);
}
