namespace Custos.Phi.Tests.Detection;

/// <summary>
/// The overlap resolver orders candidates by merging the ordered runs the detectors produce; whatever the runs, the
/// result must be the order a general sort gives: by start, the longer first.
/// </summary>
public sealed class CandidateOrderTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 4)]
    [InlineData(4, 7)]
    [InlineData(5, 64)]
    public void Candidates_from_several_ordered_runs_come_out_by_start_and_then_the_longer_first(int seed, int runs)
    {
        var random = new Random(seed);
        var candidates = new List<PhiFinding>();
        for (var r = 0; r < runs; r++)
        {
            var start = random.Next(0, 50);
            for (var k = random.Next(0, 400); k > 0; k--)
            {
                start += random.Next(0, 4);
                candidates.Add(new PhiFinding(PhiType.Name, start, start + random.Next(1, 30), 0.9, $"run{r}"));
            }
        }

        var expected = candidates.Select(c => (c.Start, c.End)).OrderBy(c => c.Start).ThenByDescending(c => c.End).ToList();

        var order = Sorted(candidates);

        order.Select(k => (candidates[k].Start, candidates[k].End)).ShouldBe(expected);
        order.Distinct().Count().ShouldBe(candidates.Count); // a permutation: nothing lost, nothing twice
    }

    [Fact]
    public void Candidates_in_reverse_order_are_sorted_too()
    {
        var candidates = Enumerable.Range(0, 1000).Select(k => new PhiFinding(PhiType.Date, 5000 - (k * 5), 5003 - (k * 5), 0.9, "date")).ToList();

        var order = Sorted(candidates);

        order.Select(k => candidates[k].Start).ShouldBeInOrder(SortDirection.Ascending);
        order.Select(k => candidates[k].Start).Distinct().Count().ShouldBe(1000);
    }

    [Fact]
    public void Overlapping_findings_resolve_the_same_whichever_detector_ran_first()
    {
        // A date inside an address inside a name's reach: one finding each after resolution, in position order.
        const string Text = "Seen 03/04/2021 by Dr. Maria Lopez at 12 Oak Street, Springfield, IL 62704; MRN 4471233.";

        var first = PhiScanner.Default.Scan(Text);
        var again = PhiScanner.Default.Scan(Text);

        first.ShouldBe(again);
        first.Select(f => f.Start).ShouldBeInOrder(SortDirection.Ascending);
        for (var k = 1; k < first.Count; k++)
        {
            first[k].Start.ShouldBeGreaterThanOrEqualTo(first[k - 1].End);
        }

        first.Select(f => f.Type).ShouldBe([PhiType.Date, PhiType.Name, PhiType.Address, PhiType.Mrn]);
    }

    private static int[] Sorted(List<PhiFinding> candidates)
    {
        var order = Enumerable.Range(0, candidates.Count).ToArray();
        PhiScanner.SortByPosition(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates), order);
        return order;
    }
}
