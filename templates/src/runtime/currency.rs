//! Currencies: the three-letter ISO 4217 codes Stripe documents, in
//! lowercase as the API sends them. A code this list does not have is kept
//! as sent, never an error.

/// A three-letter ISO 4217 currency code (`usd`, `eur`, ...), as Stripe
/// sends it: lowercase. Build one from a string (`Currency::from("usd")`,
/// `"usd".into()`) or a variant (`Currency::Usd`); a code not listed here
/// becomes [`Currency::Unrecognized`] and is sent as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Currency {
    /// `aed`
    Aed,
    /// `afn`
    Afn,
    /// `all`
    All,
    /// `amd`
    Amd,
    /// `ang`
    Ang,
    /// `aoa`
    Aoa,
    /// `ars`
    Ars,
    /// `aud`
    Aud,
    /// `awg`
    Awg,
    /// `azn`
    Azn,
    /// `bam`
    Bam,
    /// `bbd`
    Bbd,
    /// `bdt`
    Bdt,
    /// `bgn`
    Bgn,
    /// `bhd`
    Bhd,
    /// `bif`
    Bif,
    /// `bmd`
    Bmd,
    /// `bnd`
    Bnd,
    /// `bob`
    Bob,
    /// `brl`
    Brl,
    /// `bsd`
    Bsd,
    /// `btn`
    Btn,
    /// `bwp`
    Bwp,
    /// `byn`
    Byn,
    /// `bzd`
    Bzd,
    /// `cad`
    Cad,
    /// `cdf`
    Cdf,
    /// `chf`
    Chf,
    /// `clp`
    Clp,
    /// `cny`
    Cny,
    /// `cop`
    Cop,
    /// `crc`
    Crc,
    /// `cve`
    Cve,
    /// `czk`
    Czk,
    /// `djf`
    Djf,
    /// `dkk`
    Dkk,
    /// `dop`
    Dop,
    /// `dzd`
    Dzd,
    /// `egp`
    Egp,
    /// `etb`
    Etb,
    /// `eur`
    Eur,
    /// `fjd`
    Fjd,
    /// `fkp`
    Fkp,
    /// `gbp`
    Gbp,
    /// `gel`
    Gel,
    /// `ghs`
    Ghs,
    /// `gip`
    Gip,
    /// `gmd`
    Gmd,
    /// `gnf`
    Gnf,
    /// `gtq`
    Gtq,
    /// `gyd`
    Gyd,
    /// `hkd`
    Hkd,
    /// `hnl`
    Hnl,
    /// `hrk`
    Hrk,
    /// `htg`
    Htg,
    /// `huf`
    Huf,
    /// `idr`
    Idr,
    /// `ils`
    Ils,
    /// `inr`
    Inr,
    /// `isk`
    Isk,
    /// `jmd`
    Jmd,
    /// `jod`
    Jod,
    /// `jpy`
    Jpy,
    /// `kes`
    Kes,
    /// `kgs`
    Kgs,
    /// `khr`
    Khr,
    /// `kmf`
    Kmf,
    /// `krw`
    Krw,
    /// `kwd`
    Kwd,
    /// `kyd`
    Kyd,
    /// `kzt`
    Kzt,
    /// `lak`
    Lak,
    /// `lbp`
    Lbp,
    /// `lkr`
    Lkr,
    /// `lrd`
    Lrd,
    /// `lsl`
    Lsl,
    /// `mad`
    Mad,
    /// `mdl`
    Mdl,
    /// `mga`
    Mga,
    /// `mkd`
    Mkd,
    /// `mmk`
    Mmk,
    /// `mnt`
    Mnt,
    /// `mop`
    Mop,
    /// `mro`
    Mro,
    /// `mru`
    Mru,
    /// `mur`
    Mur,
    /// `mvr`
    Mvr,
    /// `mwk`
    Mwk,
    /// `mxn`
    Mxn,
    /// `myr`
    Myr,
    /// `mzn`
    Mzn,
    /// `nad`
    Nad,
    /// `ngn`
    Ngn,
    /// `nio`
    Nio,
    /// `nok`
    Nok,
    /// `npr`
    Npr,
    /// `nzd`
    Nzd,
    /// `omr`
    Omr,
    /// `pab`
    Pab,
    /// `pen`
    Pen,
    /// `pgk`
    Pgk,
    /// `php`
    Php,
    /// `pkr`
    Pkr,
    /// `pln`
    Pln,
    /// `pyg`
    Pyg,
    /// `qar`
    Qar,
    /// `ron`
    Ron,
    /// `rsd`
    Rsd,
    /// `rub`
    Rub,
    /// `rwf`
    Rwf,
    /// `sar`
    Sar,
    /// `sbd`
    Sbd,
    /// `scr`
    Scr,
    /// `sek`
    Sek,
    /// `sgd`
    Sgd,
    /// `shp`
    Shp,
    /// `sle`
    Sle,
    /// `sll`
    Sll,
    /// `sos`
    Sos,
    /// `srd`
    Srd,
    /// `std`
    Std,
    /// `stn`
    Stn,
    /// `svc`
    Svc,
    /// `szl`
    Szl,
    /// `thb`
    Thb,
    /// `tjs`
    Tjs,
    /// `tnd`
    Tnd,
    /// `top`
    Top,
    /// `try`
    Try,
    /// `ttd`
    Ttd,
    /// `twd`
    Twd,
    /// `tzs`
    Tzs,
    /// `uah`
    Uah,
    /// `ugx`
    Ugx,
    /// `usd`
    Usd,
    /// `uyu`
    Uyu,
    /// `uzs`
    Uzs,
    /// `vef`
    Vef,
    /// `ves`
    Ves,
    /// `vnd`
    Vnd,
    /// `vuv`
    Vuv,
    /// `wst`
    Wst,
    /// `xaf`
    Xaf,
    /// `xcd`
    Xcd,
    /// `xof`
    Xof,
    /// `xpf`
    Xpf,
    /// `yer`
    Yer,
    /// `zar`
    Zar,
    /// `zmk`
    Zmk,
    /// `zmw`
    Zmw,
    /// A code this version of the crate does not list, kept as sent.
    Unrecognized(String),
}

crate::runtime::macros::string_enum!(sorted Currency { Aed = "aed", Afn = "afn", All = "all", Amd = "amd", Ang = "ang", Aoa = "aoa", Ars = "ars", Aud = "aud", Awg = "awg", Azn = "azn", Bam = "bam", Bbd = "bbd", Bdt = "bdt", Bgn = "bgn", Bhd = "bhd", Bif = "bif", Bmd = "bmd", Bnd = "bnd", Bob = "bob", Brl = "brl", Bsd = "bsd", Btn = "btn", Bwp = "bwp", Byn = "byn", Bzd = "bzd", Cad = "cad", Cdf = "cdf", Chf = "chf", Clp = "clp", Cny = "cny", Cop = "cop", Crc = "crc", Cve = "cve", Czk = "czk", Djf = "djf", Dkk = "dkk", Dop = "dop", Dzd = "dzd", Egp = "egp", Etb = "etb", Eur = "eur", Fjd = "fjd", Fkp = "fkp", Gbp = "gbp", Gel = "gel", Ghs = "ghs", Gip = "gip", Gmd = "gmd", Gnf = "gnf", Gtq = "gtq", Gyd = "gyd", Hkd = "hkd", Hnl = "hnl", Hrk = "hrk", Htg = "htg", Huf = "huf", Idr = "idr", Ils = "ils", Inr = "inr", Isk = "isk", Jmd = "jmd", Jod = "jod", Jpy = "jpy", Kes = "kes", Kgs = "kgs", Khr = "khr", Kmf = "kmf", Krw = "krw", Kwd = "kwd", Kyd = "kyd", Kzt = "kzt", Lak = "lak", Lbp = "lbp", Lkr = "lkr", Lrd = "lrd", Lsl = "lsl", Mad = "mad", Mdl = "mdl", Mga = "mga", Mkd = "mkd", Mmk = "mmk", Mnt = "mnt", Mop = "mop", Mro = "mro", Mru = "mru", Mur = "mur", Mvr = "mvr", Mwk = "mwk", Mxn = "mxn", Myr = "myr", Mzn = "mzn", Nad = "nad", Ngn = "ngn", Nio = "nio", Nok = "nok", Npr = "npr", Nzd = "nzd", Omr = "omr", Pab = "pab", Pen = "pen", Pgk = "pgk", Php = "php", Pkr = "pkr", Pln = "pln", Pyg = "pyg", Qar = "qar", Ron = "ron", Rsd = "rsd", Rub = "rub", Rwf = "rwf", Sar = "sar", Sbd = "sbd", Scr = "scr", Sek = "sek", Sgd = "sgd", Shp = "shp", Sle = "sle", Sll = "sll", Sos = "sos", Srd = "srd", Std = "std", Stn = "stn", Svc = "svc", Szl = "szl", Thb = "thb", Tjs = "tjs", Tnd = "tnd", Top = "top", Try = "try", Ttd = "ttd", Twd = "twd", Tzs = "tzs", Uah = "uah", Ugx = "ugx", Usd = "usd", Uyu = "uyu", Uzs = "uzs", Vef = "vef", Ves = "ves", Vnd = "vnd", Vuv = "vuv", Wst = "wst", Xaf = "xaf", Xcd = "xcd", Xof = "xof", Xpf = "xpf", Yer = "yer", Zar = "zar", Zmk = "zmk", Zmw = "zmw" });

impl From<String> for Currency {
    fn from(value: String) -> Self {
        Currency::from(value.as_str())
    }
}

impl PartialEq<str> for Currency {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Currency {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_codes_round_trip() {
        assert_eq!(Currency::from("usd"), Currency::Usd);
        assert_eq!(Currency::Eur.as_str(), "eur");
        assert_eq!(Currency::from("xyz"), Currency::Unrecognized("xyz".into()));
        assert_eq!(Currency::from("xyz").as_str(), "xyz");
        let parsed: Currency = serde_json::from_str("\"jpy\"").unwrap();
        assert_eq!(parsed, Currency::Jpy);
        assert_eq!(serde_json::to_string(&Currency::from("new")).unwrap(), "\"new\"");
        assert!(Currency::Usd == "usd");
    }

    #[test]
    fn every_listed_code_is_found() {
        // `From<&str>` searches the list by halves: it must stay sorted.
        assert!(Currency::WIRE.windows(2).all(|w| w[0].0 < w[1].0), "the currency list is not sorted");
        for (wire, variant) in Currency::WIRE {
            assert_eq!(&Currency::from(*wire), variant);
            assert_eq!(variant.as_str(), *wire);
        }
    }
}
