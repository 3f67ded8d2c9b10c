import Losses
import LinearModel
import Regularizers
import Optimizers
import Datasets

/// A family of config names: an enum whose raw values are the names a config may write and whose
/// `summary` is each name's line of help. The schema's choices (`ConfigValueKind.choice(of:)`),
/// decoding (`SectionReader.choice(_:as:)`), "did you mean" and the config reference all read the
/// cases, so a name is spelled once, in its enum.
public protocol ConfigName: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// One line: what choosing this name does.
    var summary: String { get }
}

extension LossType: ConfigName {}
extension SVMVariant: ConfigName {}
extension TripletMining: ConfigName {}
extension RegularizerType: ConfigName {}
extension OptimizerType: ConfigName {}
extension ScheduleType: ConfigName {}
extension WeightInitialization.Kind: ConfigName {}
extension Preprocessing.Kind: ConfigName {}
extension SyntheticKind: ConfigName {}
extension Implementation: ConfigName {}
