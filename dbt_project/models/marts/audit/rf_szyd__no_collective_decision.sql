{#- RF_SZYD_001 “三重一大”事项未经集体决策: a payment, investment, guarantee, asset disposal or donation at or above
    the group's 三重一大 amount standard for its category (std_szyd_amounts in force on the matter's date; a
    subsidiary's own standard first) that rests on no collective decision: no decision item number, a number the
    minutes of its subsidiary do not hold (compared as codes: case, spaces, full-width forms do not matter), an
    item not passed (不通过/缓议), a meeting held after the money moved or the guarantee was signed (same day counts
    as before), a decision taken by a body the standard does not allow for the category (deciding_bodies, e.g.
    对外投资 only by the 董事会; 党委会前置研究 alone is no decision), or a decision for less than was paid or
    guaranteed. 党委会前置研究: for a category whose standard says the party committee studies the matter first
    (party_prestudy_required, e.g. 对外投资, 对外担保, 资产处置), the board's or office's item must name a party
    committee item of its subsidiary (prestudy_item_no, compared as codes) that was passed at a meeting held no later
    than the decision's (same day counts as before): none named, a number the minutes do not hold or that is no
    party committee item, a prestudy not passed, or one held after the decision is a finding. The matters: ERP fund payments (by their
    category), the guarantee register (nc_erp.guarantee_contract, category 对外担保, dated by its signing) and the
    asset register's disposals (asset.disposal, category 资产处置, valued at the higher of the appraisal and the
    price, so a write-off counts by its appraisal); a payment's category and a meeting's body are read as the
    standards name them (norm_matter_category, norm_meeting_body in int_gov__decisions). Amount: the payment, the guaranteed amount, or the disposal's
    value. A payment split into several: payments of one subsidiary and category resting on one matter (the same
    decision item number, or without one the same OA payment approval, both compared as codes) are judged by their
    total, so three payments of 400,000 under one approval reach a 1,000,000 standard; each is flagged with its own
    amount, its evidence naming the number of payments and their total. The same total is held against the decided
    amount: payments on one decision item that together exceed it (each alone within it) are all flagged, each with
    its own amount, so the money at issue of the matter is everything paid on it (as for one payment above its
    decision, reported in full: the decision did not cover the matter as carried out); the evidence names the excess
    (超出决策金额). Payments totalling exactly the decided amount, or resting on different decisions, are not. -#}
with payments as (
    select * from {{ ref('stg_nc_erp__fund_payment') }}
),

guarantees as (
    select * from {{ ref('stg_nc_erp__guarantee_contract') }}
),

disposals as (
    select * from {{ ref('stg_asset__disposal') }}
),

-- every matter that may need a collective decision: payments by their category, guarantees signed, disposals
matters as (
    select
        subsidiary_code,
        'payment' as matter_kind,
        payment_no as matter_no,
        -- the category as the standards name it (资金支付 padded by a CHAR column, 资金支付类: norm_matter_category)
        {{ norm_matter_category('matter_category') }} as matter_category,
        payee_name as counterparty,
        purpose,
        amount,
        pay_date as matter_date,
        decision_item_no,
        oa_approval_id
    from payments
    union all
    select
        subsidiary_code,
        'guarantee',
        contract_no,
        '对外担保',
        guaranteed_party,
        guarantee_type,
        amount,
        sign_date,
        decision_item_no,
        null
    from guarantees
    union all
    select
        subsidiary_code,
        'disposal',
        disposal_no,
        '资产处置',
        coalesce(buyer, '（报废）') || ' ' || register_id,
        method,
        greatest(coalesce(appraised_value, 0), coalesce(deal_price, 0)),
        disposal_date,
        decision_item_no,
        null
    from disposals
),

-- payments resting on one matter (one decision item, or else one OA approval) are judged by their total
grouped as (
    select
        matters.*,
        count(*) over matter_group as matter_count,
        sum(matters.amount) over matter_group as matter_total
    from matters
    window matter_group as (
        partition by matters.subsidiary_code, matters.matter_category,
            case when matters.matter_kind = 'payment' then coalesce(
                'D|' || {{ norm_code('matters.decision_item_no') }},
                'A|' || {{ norm_code('matters.oa_approval_id') }}) end,
            case when matters.matter_kind <> 'payment' or (
                {{ norm_code('matters.decision_item_no') }} is null and {{ norm_code('matters.oa_approval_id') }} is null)
                then matters.matter_kind || '|' || matters.matter_no end
    )
),

decisions as (
    select * from {{ ref('int_gov__decisions') }}
),

standards as (
    select * from {{ ref('std_szyd_amounts') }}
),

in_scope as (
    select
        matters.*,
        {{ norm_code('matters.decision_item_no') }} as decision_key,
        std.collective_decision_threshold as threshold,
        std.deciding_bodies,
        coalesce(std.party_prestudy_required, false) as prestudy_required,
        std.source as standard_source,
        std.effective_from as standard_effective_from
    from grouped as matters
    inner join lateral (
        {{ standard_in_force('standards', 'matters.matter_date', 'matters.subsidiary_code',
                             'standards.matter_category = matters.matter_category') }}
    ) as std on true
    where greatest(matters.amount, matters.matter_total) >= std.collective_decision_threshold
),

matched as (
    select
        in_scope.*,
        decision.item_no,
        decision.meeting_no,
        decision.meeting_type,
        decision.meeting_date,
        decision.item_title,
        decision.resolution_key,
        decision.amount as decision_amount,
        decision.prestudy_item_no,
        decision.prestudy_key
    from in_scope
    left join lateral (
        select decisions.*
        from decisions
        where decisions.item_key = in_scope.decision_key
            and decisions.subsidiary_code = in_scope.subsidiary_code
        order by decisions.resolution_key = '通过' desc, decisions.meeting_date
        limit 1
    ) as decision on true
),

-- the party committee item the decision names as its prestudy (a party committee item first, a passed one first)
with_prestudy as (
    select
        matched.*,
        prestudy.item_no as prestudy_found_no,
        prestudy.meeting_no as prestudy_meeting_no,
        prestudy.meeting_type as prestudy_meeting_type,
        prestudy.meeting_date as prestudy_meeting_date,
        prestudy.item_title as prestudy_title,
        prestudy.resolution_key as prestudy_resolution_key
    from matched
    left join lateral (
        select decisions.*
        from decisions
        where decisions.item_key = matched.prestudy_key
            and decisions.subsidiary_code = matched.subsidiary_code
        order by decisions.meeting_type = '党委会' desc nulls last, decisions.resolution_key = '通过' desc,
            decisions.meeting_date
        limit 1
    ) as prestudy on true
),

judged as (
    select
        with_prestudy.*,
        prestudy_required and item_no is not null and meeting_type is distinct from '党委会' as prestudy_judged,
        case
            when decision_key is null then '无集体决策记录（' || case matter_kind when 'guarantee' then '担保合同'
                when 'disposal' then '资产处置单' else '支付单' end || '未填决策事项编号）'
            when item_no is null then '决策事项编号' || decision_item_no || '在本单位会议纪要中不存在'
            when meeting_date is null then '决策事项所属会议' || meeting_no || '无会议记录'
            when resolution_key is distinct from '通过' then '决策事项未获通过（表决结果：' || coalesce(resolution_key, '空') || '）'
            when meeting_date > matter_date then case matter_kind when 'guarantee' then '先签署担保合同后决策：会议于'
                || meeting_date || '召开，晚于签署日' when 'disposal' then '先处置后决策：会议于' || meeting_date
                || '召开，晚于处置日' else '先支付后决策：会议于' || meeting_date || '召开，晚于支付日' end
                || (meeting_date - matter_date) || '天'
            when nullif(btrim(deciding_bodies), '') is not null
                and not meeting_type = any(regexp_split_to_array(btrim(deciding_bodies), '\s*[、,，/]\s*'))
                then '决策机构不符：' || matter_category || '须由' || deciding_bodies || '决策，所依据的是' || meeting_type
                || '议题'
            when prestudy_required and meeting_type is distinct from '党委会' and prestudy_key is null
                then '未经党委会前置研究：' || matter_category || '须经党委会前置研究，' || meeting_type || '议题'
                || item_no || '未注明前置研究议题'
            when prestudy_required and meeting_type is distinct from '党委会'
                and (prestudy_found_no is null or prestudy_meeting_date is null)
                then '未经党委会前置研究：所注前置研究议题编号' || prestudy_item_no || '在本单位党委会会议纪要中不存在'
            when prestudy_required and meeting_type is distinct from '党委会' and prestudy_meeting_type <> '党委会'
                then '未经党委会前置研究：所注前置研究议题' || prestudy_found_no || '是' || prestudy_meeting_type
                || '议题，不是党委会议题'
            when prestudy_required and meeting_type is distinct from '党委会'
                and prestudy_resolution_key is distinct from '通过'
                then '党委会前置研究未通过（议题' || prestudy_found_no || '表决结果：'
                || coalesce(prestudy_resolution_key, '空') || '）'
            when prestudy_required and meeting_type is distinct from '党委会' and prestudy_meeting_date > meeting_date
                then '先决策后前置研究：党委会于' || prestudy_meeting_date || '研究，晚于' || meeting_type || '决策'
                || (prestudy_meeting_date - meeting_date) || '天'
            -- a matter paid in several payments on one decision: their total against the decided amount
            when decision_amount is not null and matter_total > decision_amount then case
                when matter_count > 1 then '分笔支付合计' when matter_kind = 'guarantee' then '担保金额'
                when matter_kind = 'disposal' then '处置价值' else '支付金额' end
                || '超过决策金额' || (matter_total - decision_amount) || '元'
        end
            || case when matter_count > 1 then '；同一' || case when decision_key is null then '付款审批单' || oa_approval_id
                else '决策事项' || decision_item_no end || '分' || matter_count || '笔支付，合计' || matter_total
                || '元，按合计判断“三重一大”金额标准及是否超过决策金额' else '' end as finding
    from with_prestudy
),

final as (
    select
        'RF_SZYD_001' as rule_id,
        subsidiary_code,
        matter_kind as subject_type,
        matter_no as subject_id,
        counterparty || '（' || matter_category || '）' as subject_name,
        to_char(matter_date, 'YYYY-MM') as period,
        amount,
        jsonb_build_object(
            '问题', finding,
            '单据', case matter_kind when 'guarantee' then '担保合同' when 'disposal' then '资产处置单' else '资金支付结算单' end,
            '单号', matter_no,
            '事项类别', matter_category,
            case matter_kind when 'guarantee' then '被担保方' when 'disposal' then '受让方及处置资产'
                else '收款方' end, counterparty,
            case matter_kind when 'guarantee' then '担保方式' when 'disposal' then '处置方式' else '用途' end, purpose,
            case matter_kind when 'guarantee' then '担保金额' when 'disposal' then '处置价值（评估价值与成交价孰高）'
                else '金额' end, amount,
            case matter_kind when 'guarantee' then '签署日期' when 'disposal' then '处置日期' else '支付日期' end,
                matter_date,
            'OA付款审批单号', oa_approval_id,
            '同一事项支付笔数', matter_count,
            '同一事项支付合计', matter_total,
            '所填决策事项编号', decision_item_no,
            '决策会议', case when item_no is null then null else jsonb_build_object(
                '会议编号', meeting_no,
                '会议类型', meeting_type,
                '召开日期', meeting_date,
                '议题编号', item_no,
                '议题', item_title,
                '表决结果', resolution_key,
                '决策金额', decision_amount,
                '超出决策金额', case when decision_amount is not null and matter_total > decision_amount
                    then matter_total - decision_amount end) end,
            '党委会前置研究', case when not prestudy_judged then null else jsonb_build_object(
                '所注前置研究议题编号', prestudy_item_no,
                '会议编号', prestudy_meeting_no,
                '会议类型', prestudy_meeting_type,
                '召开日期', prestudy_meeting_date,
                '议题编号', prestudy_found_no,
                '议题', prestudy_title,
                '表决结果', prestudy_resolution_key) end,
            '三重一大金额标准', threshold,
            '有权决策机构', deciding_bodies,
            '须经党委会前置研究', case when prestudy_required then '是' else '否' end,
            '标准', '达到“三重一大”金额标准的事项须经有权决策机构集体决策（党委会前置研究后由董事会或总经理办公会决策），且决策在先、支付或签署在后'
                || case when prestudy_required then '；本类事项须经党委会前置研究，前置研究通过且不晚于决策' else '' end,
            '标准出处', standard_source,
            '标准生效日期', standard_effective_from
        ) as evidence,
        case matter_kind
            when 'guarantee' then jsonb_build_array(jsonb_build_object(
                'table', 'nc_erp.guarantee_contract', 'key', jsonb_build_object('contract_no', matter_no),
                'label', '担保合同 ' || matter_no))
            when 'disposal' then jsonb_build_array(jsonb_build_object(
                'table', 'asset.disposal', 'key', jsonb_build_object('disposal_no', matter_no),
                'label', '资产处置 ' || matter_no))
            else jsonb_build_array(jsonb_build_object(
                'table', 'nc_erp.fund_payment', 'key', jsonb_build_object('payment_no', matter_no),
                'label', '资金支付结算单 ' || matter_no))
        end
            || case when item_no is null then '[]'::jsonb else jsonb_build_array(
                {{ source_ref('oa.decision_item', ['item_no'], "'会议决策事项 ' || item_no") }}) end
            || case when not prestudy_judged or prestudy_found_no is null then '[]'::jsonb else jsonb_build_array(
                jsonb_build_object('table', 'oa.decision_item',
                    'key', jsonb_build_object('item_no', prestudy_found_no),
                    'label', '党委会前置研究议题 ' || prestudy_found_no))
                end
            as source_refs,
        case matter_kind when 'payment' then '' else matter_kind || '|' end || matter_no as flag_key
    from judged
    where finding is not null
)

select * from final
