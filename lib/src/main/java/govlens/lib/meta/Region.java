package govlens.lib.meta;

import java.io.Serializable;

/**
 * One administrative division of the gazetteer.
 *
 * @param name official full name ("临汾市", "岚县", "宁夏回族自治区")
 * @param code 6-digit GB/T 2260 code as a string ("141000"; provinces end in "0000")
 * @param level {@link #PROVINCE}, {@link #PREFECTURE} or {@link #COUNTY}; the four municipalities (北京市 …) are
 *     provinces
 * @param province full name of the province the division belongs to (itself for a province)
 * @param parent full name of the enclosing prefecture for a county; null for provinces, prefectures and for
 *     counties directly under a municipality or a province (省直辖县级行政区划)
 */
public record Region(String name, String code, String level, String province, String parent) implements Serializable {

    public static final String PROVINCE = "province";
    public static final String PREFECTURE = "prefecture";
    public static final String COUNTY = "county";

    /** 2-digit province prefix of the code. */
    public String provinceCode() {
        return code.substring(0, 2) + "0000";
    }

    /** 6-digit code of the enclosing prefecture (xxxx00), or null for provinces. */
    public String prefectureCode() {
        return PROVINCE.equals(level) ? null : code.substring(0, 4) + "00";
    }

    /** True when {@code other} strictly contains this division (its province or its prefecture). */
    public boolean isWithin(Region other) {
        if (other == null || other.code.equals(code)) {
            return false;
        }
        if (PROVINCE.equals(other.level)) {
            return code.startsWith(other.code.substring(0, 2));
        }
        if (PREFECTURE.equals(other.level)) {
            return COUNTY.equals(level) && code.startsWith(other.code.substring(0, 4));
        }
        return false;
    }
}
