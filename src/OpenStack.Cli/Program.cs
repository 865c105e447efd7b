using System.Runtime.InteropServices;

namespace OpenStack.Cli;

internal static partial class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        // SIGINT through PosixSignalRegistration, not Console.CancelKeyPress: the console's own handling initialises the
        // terminal (its keypad sequence, ESC[?1h ESC=, written before any output and never reset).
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }
        var terminal = !Console.IsOutputRedirected;
        // The standard streams as plain files (Console.Out and Console.Error initialise the terminal on their first write,
        // as above), each written through as Console's are, so that stdout and stderr keep their order in one capture.
        using var stdout = Open(1, autoFlush: true);
        using var stderr = Open(2, autoFlush: true);
        try
        {
            return await CliApp.RunAsync(args, stdout, stderr, environment, InvokedName(),
                terminal ? TerminalWidth() : null, cts.Token);
        }
        finally
        {
            try
            {
                await stdout.FlushAsync(CancellationToken.None);
            }
            catch (IOException)
            {
                // A closed pipe (| head): nothing more to say.
            }
        }
    }

    private static StreamWriter Open(int fd, bool autoFlush) =>
        new(new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, 1), new System.Text.UTF8Encoding(false), 4096)
        {
            AutoFlush = autoFlush,
            NewLine = "\n",
        };

    /// <summary>
    /// The terminal's width, asked of the terminal itself (ioctl TIOCGWINSZ on Linux) rather than through
    /// <see cref="Console.WindowWidth"/>, which initialises the terminal (writes its keypad sequence, <c>ESC[?1h ESC=</c>,
    /// and never resets it); elsewhere, <see cref="Console.WindowWidth"/>.
    /// </summary>
    private static int TerminalWidth()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return ioctl(1, TIOCGWINSZ, out var size) == 0 && size.Columns > 0 ? size.Columns : 80;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return 80;
            }
        }
        return Console.WindowWidth;
    }

    private const nuint TIOCGWINSZ = 0x5413;

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort Width;
        public ushort Height;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, out WindowSize size);

    /// <summary>
    /// The name the program was started under, as typed (argv[0]): a <c>watcher</c> or <c>monasca</c> symlink to the
    /// executable keeps its own name there, where <see cref="Environment.ProcessPath"/> is the resolved file. Linux gives
    /// argv[0] in /proc/self/cmdline; elsewhere (or when it names the <c>dotnet</c> host) the process path is used.
    /// </summary>
    private static string InvokedName()
    {
        try
        {
            var cmdline = File.ReadAllText("/proc/self/cmdline");
            var argv0 = Path.GetFileNameWithoutExtension(cmdline.Split('\0')[0]);
            if (CliApp.Tools.Contains(argv0))
            {
                return argv0;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux (or no /proc): the process path below.
        }
        return Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "openstack-dotnet");
    }
}
