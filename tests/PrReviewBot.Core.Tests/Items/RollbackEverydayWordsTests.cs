using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

/// <summary>
/// Rollback written the way people write it: a switch, a way to turn it off and what happens then, in any order and
/// in everyday words, as long as the three sit close together.
/// </summary>
public class RollbackEverydayWordsTests
{
    [Theory]
    // a single-dash compiler flag; dropping it gets the old code generator back
    [InlineData("Builds now pass `-fvectorize` to the compiler. Drop the flag to get the scalar code back.")]
    // a config directive to delete, named by its first word
    [InlineData("## Rollback\nRemove the `proxy_buffering off;` line from the server block; the proxy is back to buffering every response.")]
    // opting out through a config-file line
    [InlineData("Anyone who wants the previous behaviour can opt out: put `thumbnails.prerender = no` in `site.toml` and thumbnails are drawn on request, the way it worked until now.")]
    // a value that restores the old default
    [InlineData("The tokenizer is selected by `TOKENIZER_MODE`. Set it back to `classic` and tokenizing is what it was in 2.3.")]
    // the switch's absence is the rollback
    [InlineData("The new merge step only runs with `--fast-merge`. Leave the flag out and the old merge runs, unchanged.")]
    // a dotted setting put back to its previous value, behaviour in the next sentence
    [InlineData("Operators can put `index.refresh.batch_size` back to its previous value. Refreshes are then flushed one segment at a time again.")]
    // an environment variable, behaviour stated first
    [InlineData("Rendering uses the legacy rasterizer again if you export `RASTER_GPU=0` before starting the app.")]
    // a CLI flag that says no
    [InlineData("To go back, start the daemon with `--no-prefetch`; pages are then read only when a request asks for them, as before.")]
    // a one-hump camelCase key given an off value, in prose and as a bullet with an arrow
    [InlineData("Images are now resized by the sharp pipeline. To undo it, set `imageWorker: false` in `app.config.js`; thumbnails are then made by the canvas code again.")]
    [InlineData("- way back: `lazyHydrate: off` -> back to hydrating every widget on load")]
    // a long option without backticks, in a commit message wrapped at 72 columns
    [InlineData("build: link the fast codecs statically\n\nTo get the old dynamic linking back, configure with\n--enable-shared-codecs; the codecs are then loaded at run time as\nbefore.")]
    // a config-file table introduced by how to go back, behaviour in the paragraph after it
    [InlineData("If the new resolver misbehaves, go back with two lines in `tool.toml`:\n\n```toml\n[resolver]\nstrategy = \"legacy\"\n```\n\nThe resolver then walks the full graph exactly as before.")]
    // an "Opting out" section with a SQL setting in a code block and the behaviour in the next paragraph
    [InlineData("## Opting out\n\nTo get the old planner back for a session:\n\n```sql\nSET join_strategy = nested_loop;\n```\n\nWith that value joins are planned the way they were before this change.")]
    // a release note written as prose inside a fenced block
    [InlineData("```release-note\nThe index cache is on by default; to opt out, disable the `IndexCache` feature gate (`--feature-gates=IndexCache=false`), and lookups go back to reading the table directly.\n```")]
    // a setter called with an off value in code
    [InlineData("## Rollback\n\nBuild the client with `ClientOptions::new().with_pipelining(false)`. Requests then wait for each reply before the next is sent, as in 2.x.")]
    // set the variable, with the assignment given as an example
    [InlineData("## Rollback\n\nSet `MALLOC_ARENA_MAX` yourself in the unit file, e.g. `MALLOC_ARENA_MAX=8`. glibc then creates arenas per core again, the previous behaviour.")]
    // an inverted switch: setting it to 1 turns the change off
    [InlineData("## Escape hatch\n\n`APP_EAGER_PLUGINS=1` switches the lazy plugin loading off: every plugin is loaded at start-up, as before this change.")]
    // an environment variable named in the summary, the rollback removes the line that sets it
    [InlineData("Runs the indexer with `MALLOC_ARENA_MAX=2`.\n\n## Rollback\n\nRemove the drop-in file and restart; the service is then back on glibc's default arena count.")]
    // the old value assigned, and what it gives back
    [InlineData("The default ring size drops from 4096 to 256 slots. `RING_SLOTS` still overrides it; `RING_SLOTS=4096` restores the previous buffer.")]
    // a virtual machine's flags in a code span, the line to delete named in words
    [InlineData("The node now boots with `+sbwt none` so idle schedulers sleep at once. To get the old spinning back, delete that line from the vm.args file; schedulers then spin before sleeping again.")]
    [InlineData("Workers start with `-XX:+UseCompactObjectHeaders`. To go back, remove the option from `jvm.options` and objects get their old 12-byte headers again.")]
    // the change is off by default; setting the switch on brings the old path back
    [InlineData("The prefetcher is now behind `ENABLE_EAGER_FETCH`, off by default. Setting `ENABLE_EAGER_FETCH=true` brings it back: every page loads its neighbours as before.")]
    // the switch named in its off state: unset
    [InlineData("Set `WARM_POOL=1` in the deploy env to use the pool. With `WARM_POOL` unset the scheduler starts a fresh VM per job, as it always did.")]
    // the flag that brings the old detail back, written "run with"
    [InlineData("Detailed span timing is now opt-in. If you want the old level of detail, run with `--trace-spans`: every call is timed on its own again, as before.")]
    // a dictionary entry in a config file under a Rollback heading, what it restores in the sentence that introduces it
    [InlineData("## Rollback\n\nTo fetch the fonts on every page again, as before, set\n\n```python\nsite_options = {\n    \"eager_fonts\": True,\n}\n```\n\nin `settings.py`.")]
    public void SwitchDisableAndBehaviourInEverydayWords_IsPresent(string body)
    {
        var item = Review.Item(body, ItemKind.Rollback);
        Assert.True(item.Present, string.Join(" | ", item.Messages));
    }

    [Theory]
    // a switch and a way to turn it off, but nothing about what happens then
    [InlineData("The new merge step only runs with `--fast-merge`; leave the flag out to disable it.")]
    // a switch and the old behaviour, but no way to turn it off
    [InlineData("The `thumbnails.prerender` setting is new in this release and replaces the old way thumbnails were drawn.")]
    // "off by default" is not an instruction
    [InlineData("`RASTER_GPU` is off by default for now.")]
    // a new default described, not an instruction to set anything
    [InlineData("When a memory limit is set, the service now defaults to `ARENAS=2` instead of 8, as before for small hosts.")]
    // removing redundant work is not removing a switch
    [InlineData("- drop five redundant copies in `BuildIndex`, pre-size the buffers\n- `Span<T>` instead of arrays, so the old allocations are skipped")]
    public void OneOfTheThreeMissing_IsMissing(string body)
    {
        Assert.False(Review.Present(body, ItemKind.Rollback));
    }

    [Fact]
    public void BehaviourAfterAMultiLineConfigBlock_StillBelongsToTheDisableInstruction()
    {
        const string body = """
            Thumbnails are now decoded on the GPU. To go back, put these lines in `settings.ini`:

            ```ini
            [thumbnails]
            decoder = cpu
            threads = 2
            cache = off
            ```

            (The same works with `THUMBNAILS_DECODER=cpu`.) Decoding then happens on the CPU exactly as before.
            """;
        Assert.True(Review.Present(body, ItemKind.Rollback), string.Join(" | ", Review.Item(body, ItemKind.Rollback).Messages));
    }

    [Fact]
    public void ASqlStatementToRun_IsNotAConfigDirective() =>
        Assert.False(Review.Present("## Rollback\nRun `DROP INDEX idx_orders_created;` and the planner is back to the sequential scan.", ItemKind.Rollback));

    [Theory]
    // a mapping entry set to false
    [InlineData("A site that wants the full page back can set `OPTIONS = {\"SLIM_PAGE_STATE\": False}` in `local_settings.py`; pages then carry every field again.")]
    // an option whose argument switches a named flag off
    [InlineData("Configuring with `-f -vector-hash` switches back to the generic implementation we shipped before.")]
    // a family of settings named by a pattern, removed
    [InlineData("## Rollback\nDeleting the `*_warmup_delay` keys from `deploy.yaml` puts the pods back on the platform's defaults, which is today's behaviour.")]
    public void SwitchesNamedAsMappingsOptionArgumentsOrPatterns_AreRollbacks(string body) =>
        Assert.True(Review.Present(body, ItemKind.Rollback), string.Join(" | ", Review.Item(body, ItemKind.Rollback).Messages));

    [Fact]
    public void AMappingEntryThatIsOn_IsNotATurningOff() =>
        Assert.False(Review.Present("The default config is `OPTIONS = {\"SLIM_PAGE_STATE\": True}`.", ItemKind.Rollback));
}
