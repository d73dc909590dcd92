using PrReviewBot.Service;

namespace PrReviewBot.Tests.Service;

/// <summary>
/// <c>Server:BackgroundThreadNice</c>: the threads named are given the nice value, others are left alone, and a
/// thread is never made more urgent than it is.
/// </summary>
public sealed class ThreadNiceTests
{
    [Fact]
    public void TheNamedThread_GetsTheNiceValue_OthersKeepTheirs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc and setpriority: Linux only, and serve does nothing elsewhere
        }
        const string name = "prb-nice-test";
        using var stop = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        int? tid = null;
        var thread = new Thread(() =>
        {
            tid = FindThread(name);
            started.Set();
            stop.Wait();
        }) { Name = name, IsBackground = true };
        thread.Start();
        started.Wait();
        try
        {
            Assert.NotNull(tid);
            var mine = FindThread(Thread.CurrentThread.Name) ?? Environment.ProcessId;
            var mineBefore = ThreadNice.NiceOf(mine);
            Assert.Equal(0, ThreadNice.NiceOf(tid.Value));

            Assert.Equal(1, ThreadNice.Apply([name], 7));
            Assert.Equal(7, ThreadNice.NiceOf(tid.Value));
            Assert.Equal(mineBefore, ThreadNice.NiceOf(mine));

            // Never more urgent: a lower value changes nothing (and could not without privilege).
            Assert.Equal(0, ThreadNice.Apply([name], 3));
            Assert.Equal(7, ThreadNice.NiceOf(tid.Value));
        }
        finally
        {
            stop.Set();
            thread.Join();
        }
    }

    private static int? FindThread(string? name)
    {
        if (name is null)
        {
            return null;
        }
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == name)
                {
                    return int.Parse(Path.GetFileName(task));
                }
            }
            catch (IOException)
            {
            }
        }
        return null;
    }
}
