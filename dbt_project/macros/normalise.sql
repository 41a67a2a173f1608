{#- Key normalisation: the one place where the many ways real exports write the same thing become one key.
    Every rule that compares or looks up text uses these (through the intermediate models' *_key columns), never
    its own upper()/trim(). Tested by tests/normalise_keys.sql on the forms seen in real ERP, OA and HR exports.
    NFKC turns full-width letters, digits and spaces (ＡＢ１２　) into their plain forms. -#}

{#- Free text compared as text (names of units, suppliers, cities, item names): NFKC, trimmed, inner runs of
    whitespace collapsed to one space; empty becomes null. -#}
{% macro norm_text(expr) -%}
    nullif(btrim(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', ' ', 'g')), '')
{%- endmacro %}

{#- A code or number (invoice, contract, plate, project, approval, voucher numbers): NFKC, upper case, without
    whitespace and the separators people type into codes (- · ・ . _ / — –); empty becomes null. -#}
{% macro norm_code(expr) -%}
    nullif(upper(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[\s\-·・.．_/—–]+', '', 'g')), '')
{%- endmacro %}

{#- A code a form may fill with a placeholder when there is none (无, 暂无, 没有, 空, N/A, NA, NONE, NULL, （无）,
    /, -): norm_code, and null for the placeholder, so "无" is no code rather than one code shared by everyone. -#}
{% macro norm_optional_code(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '^[(\[]?(无|暂无|没有|空|不适用|NA|NONE|NULL|NIL)[)\]]?$' then null
        else {{ norm_code(expr) }}
    end
{%- endmacro %}

{#- A vehicle plate: 京A·12345, 京A 12345 and 京a12345 are one plate; 无, /, N/A are no plate. -#}
{% macro norm_plate(expr) -%}
    {{ norm_optional_code(expr) }}
{%- endmacro %}

{#- A bank account number: its digits only (spaces and dashes are how people group them). -#}
{% macro norm_account(expr) -%}
    nullif(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[^0-9]', '', 'g'), '')
{%- endmacro %}

{#- A person's name: NFKC, no whitespace at all (张 三 = 张三), the middle dot of minority names in one form. -#}
{% macro norm_name(expr) -%}
    nullif(regexp_replace(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', '', 'g'),
                          '[•・．.]', '·', 'g'), '')
{%- endmacro %}

{#- An invoice: a 全电/数电 invoice (20-digit number) or one without a code is its number alone; an older invoice
    is code-number. An empty code and a null code are the same. The leading zeros a spreadsheet drops from an
    older invoice come back: a code of 11 digits is a 12-digit code (044031900111 read as 44031900111), a number
    of fewer than 8 digits is padded to 8 (00912345 read as 912345). -#}
{% macro norm_invoice(code_expr, number_expr) -%}
    {%- set code = norm_code(code_expr) -%}
    {%- set number = norm_code(number_expr) -%}
    case
        when {{ number }} is null then null
        when {{ code }} is null or length({{ number }}) = 20 then {{ number }}
        else case when {{ code }} ~ '^[0-9]{11}$' then '0' || {{ code }} else {{ code }} end
            || '-' || case when {{ number }} ~ '^[0-9]{1,7}$' then lpad({{ number }}, 8, '0') else {{ number }} end
    end
{%- endmacro %}

{#- A resident ID number as 18 characters: upper-case X, and a 15-digit (first-generation) number converted to
    18 (century 19 inserted after the area code, check digit by GB 11643). Anything else is returned as typed. -#}
{% macro norm_id_number(expr) -%}
    {%- set id = norm_code(expr) -%}
    {%- set weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] -%}
    case
        when {{ id }} ~ '^[0-9]{15}$' then
            substr({{ id }}, 1, 6) || '19' || substr({{ id }}, 7, 9) || substr('10X98765432', (
                {%- for w in weights %}
                {{ w }} * cast(substr(substr({{ id }}, 1, 6) || '19' || substr({{ id }}, 7, 9), {{ loop.index }}, 1) as integer)
                {%- if not loop.last %} +{% endif %}
                {%- endfor %}
            ) % 11 + 1, 1)
        else {{ id }}
    end
{%- endmacro %}

{#- A city as the short name of map_city_province.city: NFKC, no whitespace; a district of a municipality is
    the municipality (北京市海淀区 = 北京); a leading province (河北省石家庄市, 内蒙古自治区呼和浩特市) is dropped;
    a trailing 市 / 地区 / 盟 and a trailing note in brackets are dropped (北京市 = 北京 = "北京 " = 北京（国贸）).
    Autonomous prefectures keep their name
    (map_city_province matches their full and short names). Empty becomes null. -#}
{% macro norm_city(expr) -%}
    nullif(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', '', 'g'), '\(.*\)$', ''),
        '^(北京|天津|上海|重庆)市?.+[区县]$', '\1'),
        '^([^省市]{2,3}省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区)(.+)$', '\2'),
        '(.)(市|地区|盟)$', '\1'), '')
{%- endmacro %}

{#- An employee code as two systems may write it: norm_code, and leading zeros of every run of digits dropped
    (HR's S01E0012, the payroll system's s01e12 and "S01-E012" are one code). -#}
{% macro norm_emp_code(expr) -%}
    regexp_replace({{ norm_code(expr) }}, '(^|[^0-9])0+([0-9])', '\1\2', 'g')
{%- endmacro %}

{#- A pay item name as payroll systems write it: NFKC, no whitespace or separators, bracketed remarks dropped
    (交通补贴（补发）, 交通补贴【3月】), and the marks of a back-pay or correction line at either end (补发交通补贴,
    交通补贴补发, 交通补贴差额, 2026年3月交通补贴, and a red-ink line's 交通补贴冲回 / 红冲) dropped, so the line counts
    as the item it pays or reverses. -#}
{% macro norm_pay_item(expr) -%}
    nullif(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[(\[【〔][^)\]】〕]*[)\]】〕]', '', 'g'),
        '[\s\-·・._/—–:：,，、]+', '', 'g'),
        '^([0-9]{4}年)?([0-9]{1,2}月份?)?(补发|预发|调整)?(?=.)', ''),
        '(补发|补差|差额|调整|补扣|扣回|预发|冲回|冲销|红冲)$', ''), '')
{%- endmacro %}

{#- A company or organisation name (customers, tenants, suppliers compared across systems): NFKC (full-width
    letters, digits and brackets become plain), no whitespace at all, Latin letters in upper case. -#}
{% macro norm_org(expr) -%}
    nullif(upper(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', '', 'g')), '')
{%- endmacro %}

{#- A phone number: its digits only, the country code of a mobile dropped (+86 138 1234 5678, 138-1234-5678 and
    (86)13812345678 are one number); a landline keeps its area code (0571-88001234 = 057188001234). A run of one
    digit (00000000000, 000-0000-0000: what a form holds where the number is unknown) is no number. -#}
{% macro norm_phone(expr) -%}
    nullif(regexp_replace(regexp_replace(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[^0-9]', '', 'g'),
                          '^(0086|86)(1[0-9]{10})$', '\2'), '^([0-9])\1*$', ''), '')
{%- endmacro %}

{#- A postal address: NFKC (full-width digits), upper case, without whitespace and punctuation
    (杭州市 文三路 118号 = 杭州市文三路１１８号; 3-502室 = 3502室). Another flat or building stays another address.
    A placeholder for an unknown address (无, （无）, 暂无, 不详, 未知, N/A ...) is no address. -#}
{% macro norm_address(expr) -%}
    nullif(regexp_replace(upper(regexp_replace(normalize(cast({{ expr }} as text), NFKC),
                                               '[\s\-·・.．_/—–,，、;；:：#()（）]+', '', 'g')),
                          '^(无|暂无|没有|不详|未详|未知|空|NA|NONE|NULL|NIL)$', ''), '')
{%- endmacro %}

{#- An approval's state as OA and ERP exports write it (已批准, 审批通过, 同意, 已办结; 驳回, 已驳回, 退回, 不同意,
    审批不通过; 审批中, 待审批, 流转中; 作废, 撤回) as one of 已批准 / 驳回 / 审批中 / 已作废; anything else stays as
    written (NFKC, trimmed), so it is neither taken for approved nor for rejected. Refusals are tested first:
    不同意 and 未通过 contain 同意 and 通过. -#}
{% macro norm_approval_status(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '驳回|退回|不同意|不予|否决|拒绝|不通过|未通过|不批准|未批准' then '驳回'
        when {{ norm_code(expr) }} ~ '作废|撤回|撤销|取消' then '已作废'
        when {{ norm_code(expr) }} ~ '审批中|审核中|待审|待批|流转中|在办|办理中|处理中|未审|草稿|暂存|提交' then '审批中'
        when {{ norm_code(expr) }} ~ '批准|通过|同意|已审批|已审核|审批完成|审核完成|办结|已完成|生效' then '已批准'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- A voucher's origin: 手工 (手工录入, 手工凭证, 人工, 手动) or 系统 (系统生成, 自动, 机制凭证, 接口, 业务系统
    生成); anything else stays as written, neither manual nor system. -#}
{% macro norm_voucher_source(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '手工|人工|手动|手录' then '手工'
        when {{ norm_code(expr) }} ~ '系统|自动|机制|接口|生成|导入' then '系统'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- An asset or vehicle that is gone from use: 已处置, 处置, 报废, 已报废, 已转让, 出售, 注销, 已核销 become 已处置;
    anything else stays as written (NFKC, trimmed). -#}
{% macro norm_disposed_status(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '处置|报废|转让|出售|售出|注销|核销|灭失' then '已处置'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- An equity investment event's kind as investment records write it: 股权转让 (转让股权, 股权出让, 股权转让（部分）)
    or 分红 (现金分红, 分红款, 股利, 现金股利, 红利); a dividend paid in shares (股票股利, 送股, 转增) brings in no
    cash and stays as written, as does anything else (NFKC, trimmed). -#}
{% macro norm_investment_event(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '股票股利|送股|转增' then {{ norm_text(expr) }}
        when {{ norm_code(expr) }} ~ '股权.*(转让|出让)|(转让|出让).*股权' then '股权转让'
        when {{ norm_code(expr) }} ~ '分红|股利|红利' then '分红'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- An employee's state as HR exports write it: 在职 (在岗, 试用期, 正式, 聘用, 借调, 挂职, 退休返聘), 退休 (离休),
    离职 (辞职, 辞退, 解聘, 解除劳动合同, 调出, 除名, 开除, 死亡); anything else stays as written (NFKC, trimmed) and
    is neither taken for in post nor for gone. -#}
{% macro norm_employment_status(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '返聘' then '在职'
        when {{ norm_code(expr) }} ~ '退休|离休' then '退休'
        when {{ norm_code(expr) }} ~ '离职|辞职|辞退|解聘|解除|合同终止|终止劳动|终止合同|调出|除名|开除|死亡|去世|病故'
            then '离职'
        when {{ norm_code(expr) }} ~ '在职|在岗|试用|正式|聘用|借调|挂职|合同制' then '在职'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- A pay item's category as payroll exports write it: 津补贴 (津贴, 补贴, 津补贴类), 福利 (福利费), 奖金 (绩效奖金,
    奖励), 工资 (基本工资, 岗位工资, 工资薪金); anything else stays as written (NFKC, trimmed). -#}
{% macro norm_pay_category(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '津贴|补贴|津补' then '津补贴'
        when {{ norm_code(expr) }} ~ '福利' then '福利'
        when {{ norm_code(expr) }} ~ '奖金|绩效|奖励' then '奖金'
        when {{ norm_code(expr) }} ~ '工资|薪金|薪酬' then '工资'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- A meeting's vote on an item as minutes write it: 通过 (同意, 原则通过, 审议通过, 原则同意), 不通过 (未通过, 否决,
    不同意), 缓议 (暂缓, 搁置, 推迟, 延期, 择期再议); anything else stays as written and is not a decision taken.
    Refusals are tested first: 不同意 and 未通过 contain 同意 and 通过. -#}
{% macro norm_resolution(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '不通过|未通过|否决|不同意|不予' then '不通过'
        when {{ norm_code(expr) }} ~ '缓议|暂缓|搁置|推迟|延期|择期|再议|待议' then '缓议'
        when {{ norm_code(expr) }} ~ '通过|同意|批准' then '通过'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- A member's attendance as sign-in sheets write it: 出席 (到会, 参会, 实到, 视频参会, 线上参会), 列席 (sat in, not a
    member's vote), 请假 (缺席, 未到, 未出席); anything else stays as written and does not count as present.
    缺席 and 未出席 are tested first: they contain 席 and 出席. -#}
{% macro norm_attendance(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '列席' then '列席'
        when {{ norm_code(expr) }} ~ '请假|缺席|未到|未出席|未参会|未参加|缺勤' then '请假'
        when {{ norm_code(expr) }} ~ '出席|到会|参会|实到|参加|到场|与会' then '出席'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}

{#- A matter category (资金支付, 对外投资, 对外担保, 资产处置, 捐赠赞助) as OA and ERP exports write it: NFKC, no
    whitespace at all (a CHAR column pads 资金支付 with spaces), a trailing 类 or 事项 dropped (资金支付类 =
    资金支付事项 = 资金支付), so an authority, a payment and the standards name one category alike. -#}
{% macro norm_matter_category(expr) -%}
    nullif(regexp_replace(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', '', 'g'),
                          '(..)(类|事项)$', '\1'), '')
{%- endmacro %}

{#- A collective-decision body as OA writes a meeting's type or a member's body, and the minutes title them:
    党委会 (党委会议, 党委常委会, 党委（扩大）会议), 董事会 (董事会会议, 董事会临时会议), 总经理办公会 (总经理办公会议,
    总经理办公室会议, 总办会); anything else stays as written (NFKC, trimmed), so it is none of the three. -#}
{% macro norm_meeting_body(expr) -%}
    case
        when {{ norm_code(expr) }} ~ '董事会' then '董事会'
        when {{ norm_code(expr) }} ~ '党委' then '党委会'
        when {{ norm_code(expr) }} ~ '总经理办公|总办会' then '总经理办公会'
        else {{ norm_text(expr) }}
    end
{%- endmacro %}
