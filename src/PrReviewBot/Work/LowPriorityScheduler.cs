using System.Runtime.InteropServices;

namespace PrReviewBot.Work;

/// <summary>
/// Runs the queue's jobs on a few threads of their own (one per core) at a lower OS priority (a higher nice value,
/// Linux), so that on a busy machine the CPU goes first to acknowledging webhooks, which run on the thread pool at
/// serve's own priority. A job's own code (reading the stored payload, the review, rendering, the log calls) comes
/// back to these threads after each await; what libraries finish on the thread pool stays there. The store never runs
/// on them (<see cref="OnThisThread"/>): SQLite's one connection is shared with the intake, and a low-priority thread
/// holding it would make the acknowledgement wait (<c>Queue:WorkerNice</c>).
/// </summary>
public sealed class LowPriorityScheduler : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static bool _ours;

    // A plain queue and Monitor.Wait, not a BlockingCollection: its semaphore spins before it sleeps, and jobs hand many
    // short continuations to often idle threads (measured: docs/PERFORMANCE.md).
    private readonly Queue<Task> _tasks = new();
    private bool _disposed;
    private readonly Thread[] _threads;

    public LowPriorityScheduler(int threads, int nice)
    {
        Nice = nice;
        _threads = new Thread[Math.Max(1, threads)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = "prreviewbot job" };
            _threads[i].Start();
        }
    }

    /// <summary>True on one of the scheduler's threads (the store then hops to the thread pool).</summary>
    public static bool OnThisThread => _ours;

    public int Nice { get; }

    /// <summary>False where the OS priority could not be lowered (not Linux, or refused): the jobs still run.</summary>
    public bool Lowered { get; private set; } = true;

    public override int MaximumConcurrencyLevel => _threads.Length;

    private void Work()
    {
        _ours = true;
        try
        {
            if (!OperatingSystem.IsLinux() || SetPriority(0, GetTid(), Nice) != 0)
            {
                Lowered = false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without gettid or setpriority: the jobs still run, at serve's priority.
            Lowered = false;
        }
        while (true)
        {
            Task task;
            lock (_tasks)
            {
                while (_tasks.Count == 0)
                {
                    if (_disposed)
                    {
                        return;
                    }
                    Monitor.Wait(_tasks);
                }
                task = _tasks.Dequeue();
            }
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_tasks)
        {
            if (!_disposed)
            {
                _tasks.Enqueue(task);
                Monitor.Pulse(_tasks);
                return;
            }
        }
        // Disposed (serve stopping): what still comes back runs on the thread pool.
        ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _ours && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_tasks)
        {
            return _tasks.ToArray();
        }
    }

    /// <summary>The threads finish what is queued, then end; anything queued later runs on the thread pool.</summary>
    public void Dispose()
    {
        lock (_tasks)
        {
            _disposed = true;
            Monitor.PulseAll(_tasks);
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
