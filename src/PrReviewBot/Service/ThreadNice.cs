using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrReviewBot.Service;

/// <summary>
/// Lowers the OS priority (raises the nice value) of the runtime's JIT tiering thread, so that recompiling hot methods
/// in the background takes the CPU that acknowledging webhooks leaves over instead of competing with it. After a start,
/// under a burst, that thread used 0.4-1.0 of a core for 10-20 s (docs/PERFORMANCE.md), while the acknowledgements'
/// tail was at its worst. The runtime starts and ends that thread as it needs it, so serve looks for it every
/// half second (<c>/proc/self/task/*/comm</c>). Linux only: raising a thread's own nice value needs no privilege
/// (<c>setpriority(PRIO_PROCESS, tid, n)</c>). <c>Server:BackgroundThreadNice=0</c> leaves it alone.
/// </summary>
public sealed class ThreadNice(IOptionsMonitor<ServerOptions> options, TimeProvider time, ILogger<ThreadNice> log) : BackgroundService
{
    /// <summary>Thread names as the kernel keeps them (15 characters): the runtime's tiering worker.</summary>
    internal static readonly IReadOnlyList<string> RuntimeBackgroundThreads = [".NET Tiered Com"];

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var failed = false;
        try
        {
            using var timer = new PeriodicTimer(Every, time);
            do
            {
                var nice = options.CurrentValue.BackgroundThreadNice;
                if (nice <= 0)
                {
                    continue;
                }
                try
                {
                    Apply(RuntimeBackgroundThreads, nice);
                }
                catch (Exception e) when (!failed)
                {
                    // Once in the log: a kernel without /proc or setpriority is not worth a line every half second.
                    failed = true;
                    log.LogWarning("Could not lower the priority of the runtime's background threads ({Reason}); they run at serve's priority", e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Sets the nice value of this process's threads named one of <paramref name="names"/> to <paramref name="nice"/>
    /// where it is lower (a thread is never made more urgent than it is). Returns how many threads were changed.
    /// </summary>
    internal static int Apply(IReadOnlyList<string> names, int nice)
    {
        var changed = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string comm;
            try
            {
                comm = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }
            if (!names.Contains(comm, StringComparer.Ordinal)
                || !int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                || NiceOf(tid) is not { } current || current >= nice)
            {
                continue;
            }
            if (SetPriority(PrioProcess, tid, nice) == 0)
            {
                changed++;
            }
        }
        return changed;
    }

    /// <summary>A thread's nice value from <c>/proc/self/task/TID/stat</c> (field 19), or null when it has ended.</summary>
    internal static int? NiceOf(int tid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // The name (field 2) is in parentheses and may hold spaces: count fields after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
    }

    private const int PrioProcess = 0;

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);
}
