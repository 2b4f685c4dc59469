package govlens.lib.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BodiesTest {

    // Departments, street offices, towns and ministries are told apart from governments.
    @Test
    void kinds() {
        assertEquals("department", Bodies.kindOf("临沂市司法局", true));
        assertEquals("department", Bodies.kindOf("某区市场监督管理局", true));
        assertEquals("street", Bodies.kindOf("杭州市上城区清波街道办事处", true));
        assertEquals("township", Bodies.kindOf("永安市小陶镇人民政府", true));
        assertEquals("national", Bodies.kindOf("司法部", false));
        assertNull(Bodies.kindOf("临汾市人民政府", true));
        assertNull(Bodies.kindOf("中共岚县县委 岚县人民政府", true));
        assertNull(Bodies.kindOf("兴安盟行政公署", true));
    }

    // Joint issuers run together are split; 人民政府办公室 stays whole.
    @Test
    void joinOrgs() {
        assertEquals("中共岚县县委 岚县人民政府", Bodies.joinOrgs("中共岚县县委岚县人民政府"));
        assertEquals("临汾市人民政府办公室", Bodies.joinOrgs("临汾市人民政府办公室"));
    }

    // The same split applies to the text as written.
    @Test
    void joinOrgsAsWritten() {
        assertEquals("中共岚縣縣委 岚縣人民政府", Bodies.joinOrgsAsWritten("中共岚县县委岚县人民政府", "中共岚縣縣委岚縣人民政府"));
    }
}
