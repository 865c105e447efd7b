using System.Collections;
using System.Reflection;
using System.Text;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Testing;

/// <summary>A success answer recorded in a pact file: what a real server sends for one operation.</summary>
public sealed record RealisticAnswer(string Method, string Path, int Status, string Body);

/// <summary>
/// Property-based fuzzing of every operation of a client: each operation (found by reflection on the client's
/// sub-clients) is paired with a realistic 2xx body (from a pact file) that it reads successfully; then, for generated
/// cases, the body is mutated (a field dropped, a value's type changed, the text truncated, a bad byte inserted, a value
/// nested deeply, a null put in a list), served, and the operation called and its result walked (every property, every
/// <c>Get*()</c> accessor). Only the documented exceptions may escape, and nothing may hang.
/// </summary>
public sealed class BodyFuzzer
{
    /// <summary>The kinds of mutation.</summary>
    public enum Mutation
    {
        DropField,
        ChangeType,
        Truncate,
        BadByte,
        NestDeeply,
        NullInList,
    }

    private readonly List<(string Name, Func<CancellationToken, Task<object?>> Call, RealisticAnswer Answer)> _operations = [];
    private readonly Func<Exception, bool> _documented;
    private FakeResponse? _next;

    private BodyFuzzer(Func<Exception, bool> documented) => _documented = documented;

    /// <summary>Operations paired with a realistic body.</summary>
    public IReadOnlyList<string> Operations => _operations.Select(o => o.Name).ToList();

    /// <summary>Operations of the client that no pact body fits (not fuzzed).</summary>
    public IReadOnlyList<string> Unpaired { get; private set; } = [];

    /// <summary>The 2xx answers with a JSON body of a pact file.</summary>
    public static IReadOnlyList<RealisticAnswer> LoadPact(string path)
    {
        var pact = JObject.Parse(File.ReadAllText(path));
        var answers = new List<RealisticAnswer>();
        foreach (var interaction in pact["interactions"]!.OfType<JObject>())
        {
            var status = (int)interaction["response"]!["status"]!;
            if (status is < 200 or > 299 || interaction["response"]!["body"]?["content"] is not { } content)
            {
                continue;
            }
            var body = content.Type == JTokenType.String ? (string)content! : content.ToString(Formatting.None);
            answers.Add(new RealisticAnswer((string)interaction["request"]!["method"]!, (string)interaction["request"]!["path"]!, status, body));
        }
        return answers;
    }

    /// <summary>
    /// The 2xx answers with a JSON body of recorded captures (<c>### METHOD :port/path</c>, then the HTTP answer).
    /// </summary>
    public static IReadOnlyList<RealisticAnswer> LoadCaptures(string directory)
    {
        var answers = new List<RealisticAnswer>();
        foreach (var file in Directory.GetFiles(directory, "*.http"))
        {
            var lines = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var first = lines[0].Split(' ', 3);
            var statusLine = Array.FindIndex(lines, l => l.StartsWith("HTTP/", StringComparison.Ordinal));
            if (first.Length < 3 || statusLine < 0)
            {
                continue;
            }
            var status = int.Parse(lines[statusLine].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var blank = Array.FindIndex(lines, statusLine, l => l.Length == 0);
            var body = blank < 0 ? "" : string.Join("\n", lines[(blank + 1)..]).Trim();
            var path = first[2];
            path = path[path.IndexOf('/', StringComparison.Ordinal)..].Split('?')[0];
            if (status is >= 200 and <= 299 && body.StartsWith('{'))
            {
                answers.Add(new RealisticAnswer(first[1], path, status, body));
            }
        }
        return answers;
    }

    /// <summary>
    /// Finds the operations of <paramref name="client"/> (the async methods of its sub-client properties) and pairs each
    /// with the first answer of its method and path shape that it reads without error.
    /// </summary>
    /// <param name="server">The fake server the client sends to (its handler is taken over).</param>
    /// <param name="client">The service client (for example an <c>IWatcherClient</c>).</param>
    /// <param name="answers">Realistic answers.</param>
    /// <param name="documented">Whether an exception is one the library documents for a bad answer.</param>
    public static async Task<BodyFuzzer> CreateAsync(FakeServer server, object client, IReadOnlyList<RealisticAnswer> answers, Func<Exception, bool> documented)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        var fuzzer = new BodyFuzzer(documented);
        server.Handler = r => fuzzer._next ?? new FakeResponse(404, "{}");
        var unpaired = new List<string>();
        foreach (var (name, call) in Discover(client))
        {
            // Where does it go? Send once against a 404 and read the recorded request.
            var before = server.Requests.Count;
            fuzzer._next = new FakeResponse(599, "{}");
            try
            {
                await call(CancellationToken.None);
            }
            catch (Exception)
            {
                // expected: 599
            }
            if (server.Requests.Count == before)
            {
                unpaired.Add(name + " (sends nothing with placeholder arguments)");
                continue;
            }
            var request = server.Requests[^1];
            var candidates = answers
                .Where(a => a.Method == request.Method && Segments(a.Path).Length == Segments(request.Path).Length)
                .OrderByDescending(a => Score(a.Path, request.Path))
                .ToList();
            RealisticAnswer? chosen = null;
            foreach (var candidate in candidates)
            {
                fuzzer._next = new FakeResponse(candidate.Status, candidate.Body);
                try
                {
                    var result = await call(CancellationToken.None);
                    Walk(result, 0);
                    chosen = candidate;
                    break;
                }
                catch (Exception)
                {
                    // not this operation's body
                }
            }
            if (chosen is null)
            {
                unpaired.Add($"{name} ({request.Method} {request.Path}: no pact body fits)");
                continue;
            }
            fuzzer._operations.Add((name, call, chosen));
        }
        fuzzer.Unpaired = unpaired;
        fuzzer._next = null;
        return fuzzer;
    }

    private static string[] Segments(string path) => path.Trim('/').Split('/');

    private static int Score(string a, string b) => Segments(a).Zip(Segments(b)).Count(p => p.First == p.Second);

    /// <summary>The async methods (returning <see cref="Task"/>) of the client's sub-clients, with placeholder arguments.</summary>
    private static IEnumerable<(string Name, Func<CancellationToken, Task<object?>> Call)> Discover(object client)
    {
        foreach (var property in client.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.PropertyType.IsInterface || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var sub = property.GetValue(client);
            if (sub is null)
            {
                continue;
            }
            foreach (var method in property.PropertyType.GetMethods())
            {
                if (!typeof(Task).IsAssignableFrom(method.ReturnType) || method.IsGenericMethodDefinition)
                {
                    continue;
                }
                var parameters = method.GetParameters();
                yield return ($"{property.Name}.{method.Name}({string.Join(", ", parameters.Select(p => p.ParameterType.Name))})", async token =>
                {
                    var args = parameters.Select(p => p.ParameterType == typeof(CancellationToken) ? token : Placeholder(p)).ToArray();
                    var task = (Task)method.Invoke(sub, args)!;
                    await task.ConfigureAwait(false);
                    return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
                });
            }
        }
    }

    private static object? Placeholder(ParameterInfo p)
    {
        var type = p.ParameterType;
        if (type == typeof(string))
        {
            return "fuzz-id";
        }
        if (Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && p.HasDefaultValue))
        {
            return p.HasDefaultValue ? p.DefaultValue : null;
        }
        if (type.IsValueType)
        {
            return p.HasDefaultValue && p.DefaultValue is not null ? p.DefaultValue : Activator.CreateInstance(type);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var g && (g == typeof(IEnumerable<>) || g == typeof(ICollection<>) || g == typeof(IList<>) || g == typeof(IReadOnlyList<>)))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()[0]))!;
            var item = Filled(type.GetGenericArguments()[0]);
            if (item is not null)
            {
                list.Add(item);
            }
            return list;
        }
        return Filled(type);
    }

    /// <summary>An instance with every writable string property set (so that required fields are present).</summary>
    private static object? Filled(Type type)
    {
        if (type == typeof(string))
        {
            return "fuzz";
        }
        if (type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }
        var instance = Activator.CreateInstance(type)!;
        foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (prop.CanWrite && prop.GetIndexParameters().Length == 0 && prop.PropertyType == typeof(string))
            {
                prop.SetValue(instance, prop.Name.Contains("Op", StringComparison.Ordinal) ? "replace" : prop.Name.Contains("Path", StringComparison.Ordinal) ? "/name" : "fuzz");
            }
        }
        return instance;
    }

    /// <summary>Reads every public property and every parameterless <c>Get*</c> accessor, a few levels deep.</summary>
    public static void Walk(object? value, int depth)
    {
        if (value is null || depth > 5 || value is string || value.GetType().IsPrimitive || value is JToken || value is DateTimeOffset or DateTime or TimeSpan or Guid or decimal)
        {
            return;
        }
        if (value is IEnumerable items)
        {
            var n = 0;
            foreach (var item in items)
            {
                if (n++ > 4)
                {
                    break;
                }
                if (item is DictionaryEntry entry)
                {
                    Walk(entry.Value, depth + 1);
                }
                else
                {
                    Walk(item, depth + 1);
                }
            }
            if (value.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            {
                return;
            }
        }
        var type = value.GetType();
        if (type.Namespace?.StartsWith("OpenStack", StringComparison.Ordinal) != true)
        {
            return;
        }
        foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (prop.GetIndexParameters().Length > 0 || prop.GetMethod is null)
            {
                continue;
            }
            Walk(Unwrap(() => prop.GetValue(value)), depth + 1);
        }
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (method.Name.StartsWith("Get", StringComparison.Ordinal) && method.GetParameters().Length == 0 && !method.IsSpecialName
                && !typeof(Task).IsAssignableFrom(method.ReturnType) && method.ReturnType != typeof(void))
            {
                Walk(Unwrap(() => method.Invoke(value, null)), depth + 1);
            }
        }
        _ = value.ToString();
    }

    private static object? Unwrap(Func<object?> read)
    {
        try
        {
            return read();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="cases"/> generated cases (CsCheck, one thread); fails on the first exception that is not
    /// documented or on a call that does not end within <paramref name="perCase"/>. Returns how many cases ended in a
    /// documented exception and how many succeeded.
    /// </summary>
    public async Task<(int Refused, int Read)> RunAsync(int cases, TimeSpan perCase, string? seed = null)
    {
        var refused = 0;
        var read = 0;
        var gen = Gen.Select(Gen.Int[0, _operations.Count - 1], Gen.Int[0, Enum.GetValues<Mutation>().Length - 1], Gen.Int[0, int.MaxValue]);
        await gen.SampleAsync(async (op, kind, seedValue) =>
        {
            var (name, call, answer) = _operations[op];
            var mutation = (Mutation)kind;
            var random = new Random(seedValue);
            var body = Mutate(answer.Body, mutation, random);
            _next = new FakeResponse(answer.Status, "") { RawBody = body };
            using var cts = new CancellationTokenSource();
            var task = Task.Run(async () =>
            {
                var result = await call(cts.Token).ConfigureAwait(false);
                Walk(result, 0);
            });
            try
            {
                await task.WaitAsync(perCase).ConfigureAwait(false);
                Interlocked.Increment(ref read);
            }
            catch (TimeoutException)
            {
                await cts.CancelAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"{name} did not end within {perCase} on a {mutation} body: {Preview(body)}");
            }
            catch (Exception e) when (_documented(e))
            {
                Interlocked.Increment(ref refused);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{name} let {e.GetType().FullName} escape on a {mutation} body: {Preview(body)}{Environment.NewLine}{e}", e);
            }
        }, seed: seed, iter: cases, threads: 1);
        return (refused, read);
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 600 ? text[..600] + $"... ({body.Length} bytes)" : text;
    }

    /// <summary>One mutation of a JSON body, as bytes.</summary>
    public static byte[] Mutate(string body, Mutation mutation, Random random)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(random);
        switch (mutation)
        {
            case Mutation.Truncate:
                return Encoding.UTF8.GetBytes(body[..random.Next(body.Length)]);
            case Mutation.BadByte:
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                byte[] bad = [0xFF, 0x00, 0xC3, (byte)'"', (byte)'{', (byte)']', (byte)'\\', (byte)',', 0x80];
                var at = random.Next(bytes.Length + 1);
                return [.. bytes[..at], bad[random.Next(bad.Length)], .. bytes[at..]];
            }
        }
        JToken root;
        try
        {
            root = JToken.Parse(body);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetBytes(body);
        }
        var nodes = root is JContainer container ? container.DescendantsAndSelf().ToList() : [root];
        switch (mutation)
        {
            case Mutation.DropField:
            {
                var props = nodes.OfType<JProperty>().ToList();
                if (props.Count > 0)
                {
                    props[random.Next(props.Count)].Remove();
                }
                break;
            }
            case Mutation.ChangeType:
            {
                var values = nodes.Where(n => n is not JProperty && n.Parent is not null).ToList();
                if (values.Count > 0)
                {
                    JToken[] replacements =
                    [
                        "fuzz", 0, -1, 1.5, 1e308, -1e308, long.MaxValue, long.MinValue, JToken.Parse("123456789012345678901234567890"),
                        true, JValue.CreateNull(), new JArray(), new JObject(), new JArray(1, "a", JValue.CreateNull()),
                        new JObject { ["x"] = 1 }, "9999-99-99T99:99:99Z", "", "\u0000", new string('x', 10000),
                    ];
                    values[random.Next(values.Count)].Replace(replacements[random.Next(replacements.Length)].DeepClone());
                }
                break;
            }
            case Mutation.NestDeeply:
            {
                var values = nodes.Where(n => n is not JProperty && n.Parent is not null).ToList();
                var depth = random.Next(2) == 0 ? 100 : 20_000;
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                const string Marker = "\"__fuzz_nest_marker__\"";
                if (values.Count > 0)
                {
                    values[random.Next(values.Count)].Replace(JToken.Parse(Marker));
                }
                var text = root.ToString(Formatting.None);
                var nested = new StringBuilder().Insert(0, open, depth).Append('1').Insert(0, "").ToString() + string.Concat(Enumerable.Repeat(close, depth));
                return Encoding.UTF8.GetBytes(values.Count > 0 ? text.Replace(Marker, nested, StringComparison.Ordinal) : nested);
            }
            case Mutation.NullInList:
            {
                var arrays = nodes.OfType<JArray>().ToList();
                if (arrays.Count > 0)
                {
                    var array = arrays[random.Next(arrays.Count)];
                    array.Insert(random.Next(array.Count + 1), JValue.CreateNull());
                }
                break;
            }
        }
        return Encoding.UTF8.GetBytes(root.ToString(Formatting.None));
    }
}
