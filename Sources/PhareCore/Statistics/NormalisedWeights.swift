/// Weights as shares of their total.
public enum NormalisedWeights {
    /// sᵢ = wᵢ / Σⱼ wⱼ: the normalised weights of a weighted arithmetic mean (OECD/JRC, *Handbook
    /// on Constructing Composite Indicators*, 2008, §6). All zeros when the total is not positive.
    public static func shares(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        return weights.map { total > 0 ? $0 / total : 0 }
    }
}
