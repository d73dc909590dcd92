namespace PrReviewBot.Storage;

/// <summary>
/// One holder at a time, like a <see cref="SemaphoreSlim"/> of one, but with two lines: when the holder gives its turn
/// back, a waiter from the urgent line (a webhook being acknowledged) goes before every waiter from the other line (the
/// queue's jobs), each line first come, first served. So an acknowledgement waits for at most the unit of work in
/// progress, not for every job's statement queued before it (<c>Storage:IntakeFirst</c>).
/// </summary>
internal sealed class IntakeFirstTurn
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _urgent = new();
    private readonly Queue<TaskCompletionSource> _other = new();
    private bool _held;

    /// <summary>Waiters in each line now (tests look at it).</summary>
    public (int Urgent, int Other) Waiting
    {
        get
        {
            lock (_gate)
            {
                return (_urgent.Count(w => !w.Task.IsCompleted), _other.Count(w => !w.Task.IsCompleted));
            }
        }
    }

    public Task WaitAsync(bool urgent, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }
            // Asynchronous continuations: the one giving its turn back must not run the next holder's work inline.
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _other).Enqueue(waiter);
        }
        return ct.CanBeCanceled ? WaitCancellably(waiter, ct) : waiter.Task;
    }

    private static async Task WaitCancellably(TaskCompletionSource waiter, CancellationToken ct)
    {
        // A waiter cancelled before its turn came is skipped by Release; one whose turn came first keeps it.
        await using (ct.Register(() => waiter.TrySetCanceled(ct)))
        {
            await waiter.Task;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            while (_urgent.TryDequeue(out var next) || _other.TryDequeue(out next))
            {
                if (next.TrySetResult())
                {
                    return; // handed over: still held
                }
            }
            _held = false;
        }
    }
}
