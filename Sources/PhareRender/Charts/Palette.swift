/// Sequential colour schemes for maps, light for low values to dark for high values.
/// Both come from ColorBrewer (Brewer & Harrower, colorbrewer2.org, 5 classes), where they are
/// marked safe for colour-blind readers and for printing in grey.
public enum Palette: String, Sendable, CaseIterable {
    /// YlGnBu: neutral figures (population, density).
    case yellowGreenBlue
    /// YlOrBr: fragility (higher = more fragile).
    case yellowOrangeBrown

    public var colours: [String] {
        switch self {
        case .yellowGreenBlue: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
        case .yellowOrangeBrown: ["#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"]
        }
    }

    /// The colour of class `index` among `count` classes, spread over the scheme's 5 colours.
    public func colour(classIndex index: Int, of count: Int) -> String {
        let colours = self.colours
        guard count > 1 else { return colours[colours.count / 2] }
        let position = Double(max(0, min(index, count - 1))) / Double(count - 1) * Double(colours.count - 1)
        return colours[Int(position.rounded())]
    }
}
